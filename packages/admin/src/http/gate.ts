import type { Access, Authorization } from '../options.js';
import { AdminError } from '../errors.js';

export interface Caller {
  readonly access: Access;
  readonly actor: string;
}

export function callerOf(authorization: Authorization): Caller {
  if (authorization === 'read' || authorization === 'write' || authorization === false) return { access: authorization, actor: 'unknown' };
  if (typeof authorization === 'object' && authorization !== null) {
    const { access, actor } = authorization;
    if (access === 'read' || access === 'write' || access === false) {
      return { access, actor: typeof actor === 'string' && actor !== '' ? actor : 'unknown' };
    }
  }
  // Anything else is a bug in the host's authorize: refuse rather than guess.
  return { access: false, actor: 'unknown' };
}

/** A request a browser made on its own: it carries cookies or the browser's origin headers. */
export function isBrowserRequest(request: Request): boolean {
  const headers = request.headers;
  return headers.has('cookie') || headers.has('origin') || headers.has('sec-fetch-site');
}

function originOfUrl(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * A browser write must come from a page of this app's origin (or one the host allows): the
 * Origin header, else Sec-Fetch-Site, else the Referer decide. A request with none of them
 * still needs the CSRF token.
 */
export function assertSameOrigin(request: Request, allowed: ReadonlySet<string>): void {
  const own = new URL(request.url).origin;
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const referer = request.headers.get('referer');
  let from: string | undefined;
  let ok = true;
  if (origin !== null) {
    from = origin;
    ok = origin === own || allowed.has(origin);
  } else if (site !== null) {
    from = `a ${site} page`;
    ok = site === 'same-origin';
  } else if (referer !== null) {
    from = originOfUrl(referer) ?? 'an unreadable referer';
    ok = from === own || allowed.has(from);
  }
  if (!ok) {
    throw new AdminError(403, 'CROSS_SITE_REQUEST', 'Changes are accepted from this app’s own pages only', undefined, `the request came from ${from ?? 'elsewhere'}, not ${own}`);
  }
}

export function assertCanWrite(caller: Caller, readOnly: boolean): void {
  if (readOnly) throw new AdminError(403, 'READ_ONLY', 'This admin app is read-only', undefined, 'it was started with readOnly: true');
  if (caller.access !== 'write') throw new AdminError(403, 'FORBIDDEN', 'You may look at flags but not change them', undefined, 'authorize answered read');
}
