import type { IncomingMessage } from 'node:http';
import { readJson, readNodeJson, type MountedRequest, type NodeRequestContext, type RequestTarget } from '@flipper-client/http';
import type { TLSSocket } from 'node:tls';

/**
 * One request as the app reads it, whether it came as a Web Request (`app.fetch`) or straight
 * from node:http (`app.middleware`): node:http requests are served without building a Web
 * Request or Response, which cost more than the evaluation itself.
 */
export interface OfrepExchange {
  readonly method: string;
  /** As `new URL(url).pathname`: not percent-decoded. */
  readonly pathname: string;
  /** `?...` or ''. */
  readonly search: string;
  readonly context: NodeRequestContext;
  /** A request header (lowercase name); repeated ones joined with `, `. */
  header(name: string): string | undefined;
  /** The body by `readJson`'s rules; rejects with `RequestBodyError`. */
  readJson(limit: number): Promise<unknown>;
  /** The request as a Web Request, for a custom `authorize` and `onError`; built when first asked. */
  webRequest(): Request;
}

export function webExchange(request: Request, context: NodeRequestContext): OfrepExchange {
  const url = new URL(request.url);
  return {
    method: request.method,
    pathname: url.pathname,
    search: url.search,
    context,
    header: (name) => request.headers.get(name) ?? undefined,
    readJson: (limit) => readJson(request, limit),
    webRequest: () => request,
  };
}

/** The request's headers, URL and method as a Web Request; its body stays with the node request (the app reads it). */
function headersOnlyRequest(req: MountedRequest, target: RequestTarget): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const scheme = (req.socket as TLSSocket).encrypted === true ? 'https' : 'http';
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(`${target.pathname}${target.search}`, `${scheme}://${req.headers.host ?? 'localhost'}`);
  } catch {
    // A Host header no URL takes: the path is what matters to the app.
    url = new URL(`${target.pathname}${target.search}`, `${scheme}://localhost`);
  }
  return new Request(url, { method, headers });
}

export function nodeExchange(req: IncomingMessage, target: RequestTarget): OfrepExchange {
  let request: Request | undefined;
  return {
    method: req.method ?? 'GET',
    pathname: target.pathname,
    search: target.search,
    context: { nodeRequest: req },
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
    readJson: (limit) => readNodeJson(req, limit),
    webRequest: () => (request ??= headersOnlyRequest(req, target)),
  };
}
