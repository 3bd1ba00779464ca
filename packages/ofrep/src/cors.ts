import type { ReplyHeaders } from './reply.js';

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

  private allowed(origin: string | undefined): string | undefined {
    if (origin === undefined || this.origins.size === 0) return undefined;
    if (this.origins.has('*')) return '*';
    return this.origins.has(origin) ? origin : undefined;
  }

  /** The CORS headers of an actual (not preflight) request's answer, for the request's `Origin`. */
  headers(origin: string | undefined): ReplyHeaders {
    const headers: ReplyHeaders = {};
    if (this.origins.size === 0) return headers;
    headers['vary'] = 'Origin';
    const allowed = this.allowed(origin);
    if (allowed !== undefined) {
      headers['access-control-allow-origin'] = allowed;
      headers['access-control-expose-headers'] = EXPOSED_HEADERS;
    }
    return headers;
  }

  /** The headers of a preflight's (`OPTIONS`) 204: the permissions only for an allowed origin. */
  preflight(origin: string | undefined): ReplyHeaders {
    const headers = this.headers(origin);
    if (headers['access-control-allow-origin'] !== undefined) {
      delete headers['access-control-expose-headers'];
      headers['access-control-allow-methods'] = 'POST, GET, OPTIONS';
      headers['access-control-allow-headers'] = ALLOWED_HEADERS;
      headers['access-control-max-age'] = '600';
    }
    return headers;
  }
}
