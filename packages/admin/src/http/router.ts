import type { WriteOrigin } from '../flag-service.js';
import { AdminError } from '../errors.js';
import type { Viewer } from '../ui/layout.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler gets: the request, its path parameters and the caller's identity. */
export interface RouteContext {
  readonly request: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  /** Who is asking, for the audit trail. */
  readonly actor: string;
  readonly canWrite: boolean;
  /** Who is asking, for the pages' header. */
  readonly viewer: Viewer;
  /** The token this browser's forms carry. */
  readonly csrfToken: string;
  /** Headers to add to the response (the CSRF cookie of a first visit). */
  readonly responseHeaders: Headers;
  /** The form of a page's write, already read (its CSRF token checked). */
  readonly form?: URLSearchParams;
}

export interface Route {
  readonly method: Method;
  /** Segments below the base path; `:name` captures one (percent-decoded) segment. */
  readonly path: string;
  /** Writes need `'write'` access, and from a browser a same-origin request with a CSRF token. */
  readonly write: boolean;
  /** `api` routes answer JSON errors, `ui` routes HTML pages. */
  readonly surface: 'api' | 'ui';
  readonly handle: (context: RouteContext) => Promise<Response>;
}

/** Who writes, from which request: what the audit trail records. */
export function writeOrigin(context: RouteContext): WriteOrigin {
  return { actor: context.actor, method: context.request.method, path: context.url.pathname };
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AdminError(400, 'INVALID_ARGUMENT', 'The path is not valid percent-encoding', undefined, `segment ${JSON.stringify(segment)}`);
  }
}

function matchPath(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const actual = segments[i]!;
    if (expected.startsWith(':')) params[expected.slice(1)] = decodeSegment(actual);
    else if (expected !== actual) return undefined;
  }
  return params;
}

/**
 * A table of routes matched segment by segment. Splitting the raw path before decoding keeps a
 * flag named `a/b` (sent as `a%2Fb`) one segment.
 */
export class Router {
  private readonly routes: { route: Route; pattern: string[] }[] = [];

  constructor(routes: readonly Route[]) {
    for (const route of routes) this.routes.push({ route, pattern: route.path.split('/').filter((part) => part !== '') });
  }

  /** The route for this method and path below the base path; throws 404 or 405 otherwise. */
  match(method: string, relativePath: string): RouteMatch {
    const segments = relativePath.split('/').filter((part) => part !== '');
    const allowed = new Set<string>();
    for (const { route, pattern } of this.routes) {
      const params = matchPath(pattern, segments);
      if (params === undefined) continue;
      if (route.method === method) return { route, params };
      allowed.add(route.method);
    }
    if (allowed.size > 0) {
      throw new AdminError(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed here`, undefined, `allowed: ${[...allowed].join(', ')}`);
    }
    throw new AdminError(404, 'NOT_FOUND', 'No such page or endpoint', undefined, `nothing at ${relativePath}`);
  }

  get all(): readonly Route[] {
    return this.routes.map(({ route }) => route);
  }

  /** Whether the path belongs to the JSON API (for the shape of errors before a route is known). */
  static isApiPath(relativePath: string): boolean {
    return relativePath === '/api' || relativePath.startsWith('/api/');
  }
}
