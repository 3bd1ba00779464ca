import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { preparsedBody, type MountedRequest } from './node-body.js';

/** `(req, res, next?)`: a node:http request listener and Express/Connect middleware at once. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/** What the node:http adapter knows beyond the Web Request, handed to the app with it. */
export interface NodeRequestContext {
  /** The Node request (its `session`, `user`, socket... as the host's middleware left them). */
  readonly nodeRequest?: IncomingMessage;
}

/** A Web-standard app: a Request (and what the adapter knows of it) in, a Response out. */
export type FetchHandler = (request: Request, context: NodeRequestContext) => Promise<Response>;


function requestUrl(req: MountedRequest): URL {
  const encrypted = (req.socket as TLSSocket).encrypted === true;
  const host = req.headers.host ?? 'localhost';
  return new URL(req.originalUrl ?? req.url ?? '/', `${encrypted ? 'https' : 'http'}://${host}`);
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}

/** The body as the app should read it: the stream, or what a host's body parser already read. */
function requestBody(req: MountedRequest, headers: Headers): RequestInit['body'] {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const parsed = preparsedBody(req);
  if (parsed !== undefined) {
    headers.delete('content-length');
    return parsed;
  }
  return Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
}

/** Writes a Web Response to node:http, streaming its body with backpressure; a client that goes away cancels the body. */
export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body === null) {
    res.end();
    return;
  }
  res.flushHeaders();
  const reader = response.body.getReader();
  // A client that goes away ends its event stream: cancelling the reader unsubscribes it.
  const onClose = (): void => void reader.cancel().catch(() => undefined);
  res.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
    }
  } finally {
    res.off('close', onClose);
    res.end();
  }
}

/**
 * Serves `fetch` from node:http: builds a Web Request from the Node request (the full URL even
 * under an Express mount, the body a host's body parser already read), and writes the Response
 * back, streaming its body with backpressure. As Express/Connect middleware, a path `owns`
 * refuses goes to `next()`, and so does a failure of `fetch`; as a plain request listener the
 * app answers every path and a failure is a bare 500.
 */
export function createNodeHandler(fetch: FetchHandler, owns: (pathname: string) => boolean = () => true): NodeHandler {
  return (req: MountedRequest, res, next) => {
    const url = requestUrl(req);
    if (!owns(url.pathname) && next !== undefined) {
      next();
      return;
    }
    const headers = requestHeaders(req);
    const body = requestBody(req, headers);
    const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers };
    if (body !== undefined) {
      init.body = body;
      init.duplex = 'half';
    }
    fetch(new Request(url, init), { nodeRequest: req })
      .then((response) => writeWebResponse(response, res))
      .catch((error: unknown) => {
        if (next !== undefined) next(error);
        else if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        } else res.destroy();
      });
  };
}
