import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MountedRequest } from './node-body.js';
import type { NodeHandler } from './node-handler.js';

/** The path and query of a request, as the client sent them (under an Express mount, the full path). */
export interface RequestTarget {
  /** As `new URL(...).pathname` gives it: dot segments resolved, not percent-decoded. */
  readonly pathname: string;
  /** `?...`, or '' when there is none. */
  readonly search: string;
}

/** Paths `new URL` would leave as they are: no dot segment, no `//`, only characters it keeps. */
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@/%]*$/;
const NEEDS_PARSING = /\/\.|%2e|\/\//i;

/**
 * The request's target without building a URL for the common path: a path with dot segments,
 * `//` or a character a URL would encode goes through `new URL`, so the answer is always what
 * `new URL(url).pathname` gives.
 */
export function requestTarget(req: MountedRequest): RequestTarget {
  const raw = req.originalUrl ?? req.url ?? '/';
  const query = raw.indexOf('?');
  const path = query === -1 ? raw : raw.slice(0, query);
  const search = query === -1 ? '' : raw.slice(query);
  if (PLAIN_PATH.test(path) && !NEEDS_PARSING.test(path)) return { pathname: path, search };
  const url = new URL(raw, 'http://localhost');
  return { pathname: url.pathname, search: url.search };
}

/** Serves a request straight from node:http (no Web Request or Response in between). */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse, target: RequestTarget) => Promise<void>;

/**
 * A node:http listener and Express/Connect middleware for an app that answers node:http itself,
 * with `createNodeHandler`'s rules: as middleware, a path `owns` refuses goes to `next()`, and so
 * does a failure; as a plain listener a failure is a bare 500 (or a cut connection once the
 * answer has begun).
 */
export function createNodeRoute(serve: NodeRoute, owns: (pathname: string) => boolean = () => true): NodeHandler {
  return (req, res, next) => {
    let target: RequestTarget;
    try {
      target = requestTarget(req);
    } catch {
      // A target no URL can be made of (`http://[`) is no app's path.
      if (next !== undefined) next();
      else res.writeHead(400).end();
      return;
    }
    if (next !== undefined && !owns(target.pathname)) {
      next();
      return;
    }
    serve(req, res, target).catch((error: unknown) => {
      if (next !== undefined) next(error);
      else if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  };
}
