/** The request headers a browser provider sends that need a preflight. */
const ALLOWED_HEADERS = 'authorization, x-api-key, content-type, if-none-match';
/** Response headers a page's script may read: the bulk ETag and the rate limit's wait. */
const EXPOSED_HEADERS = 'ETag, Retry-After';

/**
 * CORS for a list of allowed origins: a page of an allowed origin gets the headers that let it
 * read the answer; any other origin gets none, so the browser keeps the answer from its script.
 * No credentials (cookies) are allowed: OFREP authenticates with a header.
 */
export class CorsPolicy {
  constructor(private readonly origins: ReadonlySet<string>) {}

  private allowed(request: Request): string | undefined {
    const origin = request.headers.get('origin');
    if (origin === null || this.origins.size === 0) return undefined;
    if (this.origins.has('*')) return '*';
    return this.origins.has(origin) ? origin : undefined;
  }

  /** Adds the CORS headers of an actual (not preflight) request's answer. */
  apply(request: Request, headers: Headers): Headers {
    if (this.origins.size > 0) headers.append('vary', 'Origin');
    const origin = this.allowed(request);
    if (origin !== undefined) {
      headers.set('access-control-allow-origin', origin);
      headers.set('access-control-expose-headers', EXPOSED_HEADERS);
    }
    return headers;
  }

  /** The answer to a preflight (`OPTIONS`): 204, with the permissions only for an allowed origin. */
  preflight(request: Request): Response {
    const headers = this.apply(request, new Headers());
    if (headers.has('access-control-allow-origin')) {
      headers.delete('access-control-expose-headers');
      headers.set('access-control-allow-methods', 'POST, GET, OPTIONS');
      headers.set('access-control-allow-headers', ALLOWED_HEADERS);
      headers.set('access-control-max-age', '600');
    }
    return new Response(null, { status: 204, headers });
  }
}
