import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseGoDuration } from './duration.js';
import { cleanPath, decodePath } from './key-path.js';
import { handleDelete, handleGet, handlePut, type KvRequest } from './kv-routes.js';
import { KvState } from './kv-state.js';
import { handleTxn } from './kv-txn.js';
import { send, sendError, sendJson } from './reply.js';

export interface ConsulKvOptions {
  /** Port to listen on; default 0, a free port chosen by the system. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** When set, every request must carry this token (`X-Consul-Token`, `Authorization: Bearer` or `?token=`), else 403. */
  aclToken?: string;
  /** The datacenter this endpoint is; `?dc=` naming another answers 500 as Consul does. Default `dc1`. */
  datacenter?: string;
  /** How many requests `requests` keeps (the newest); default 10,000, 0 keeps none. */
  maxRecordedRequests?: number;
}

/** A request as the endpoint saw it, for tests that count or inspect traffic. */
export interface RecordedRequest {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  /** The decoded key for `/v1/kv/` requests. */
  key: string | undefined;
  query: Readonly<Record<string, string>>;
  token: string | undefined;
  /** `Date.now()` on arrival. */
  at: number;
}

export interface RestartOptions {
  /** Keep keys and indexes (true, default) or come back empty with the index at its start, lower than before. */
  keepData?: boolean;
}

/** The state, the HTTP server and the bookkeeping behind a `ConsulKvHandle`. */
export class ConsulKvServer {
  readonly requests: RecordedRequest[] = [];
  private state = new KvState();
  private server: Server | undefined;
  private readonly inFlight = new Set<AbortController>();
  private readonly datacenter: string;
  private readonly maxRecorded: number;

  constructor(private readonly options: ConsulKvOptions = {}) {
    this.datacenter = options.datacenter ?? 'dc1';
    this.maxRecorded = options.maxRecordedRequests ?? 10_000;
  }

  get lastIndex(): number {
    return this.state.lastIndex;
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    const server = createServer((req, res) => void this.handle(req, res));
    // Blocking queries may hang for up to ten minutes: no server-side request timeout.
    server.requestTimeout = 0;
    server.timeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  /** Closes the listener and every connection, in-flight blocking queries included. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    for (const controller of this.inFlight) controller.abort();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  reset(): void {
    this.state = new KvState();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const params = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));
    const token = tokenOf(req, params);
    const isKv = path.startsWith('/v1/kv/');
    const key = isKv ? decodePath(path.slice('/v1/kv/'.length)) : undefined;
    this.record({ method: req.method ?? 'GET', path, key, query: Object.fromEntries(params), token, at: Date.now() });

    const cleaned = cleanPath(path);
    if (cleaned !== path) {
      const location = cleaned + (queryAt === -1 ? '' : url.slice(queryAt));
      return send(res, 301, `<a href="${location}">Moved Permanently</a>.\n`, { Location: location, 'Content-Type': 'text/html; charset=utf-8' });
    }
    if (path === '/v1/status/leader') return sendJson(res, 200, '"127.0.0.1:8300"');
    if (path === '/v1/txn') return this.txn(req, res, params, token);
    if (!isKv) return sendError(res, 404, '404 page not found\n');

    const refusal = this.refuse(params, token);
    if (refusal !== undefined) return sendError(res, refusal.status, refusal.message);
    if (key === undefined) return sendError(res, 400, 'Bad Request: invalid percent-encoding in the path');
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'PUT' && method !== 'DELETE') {
      return send(res, 405, `method ${method} not allowed`, { Allow: 'GET,PUT,DELETE' });
    }

    const controller = new AbortController();
    this.inFlight.add(controller);
    res.on('close', () => {
      controller.abort();
      this.inFlight.delete(controller);
    });
    const body = method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
    const kvRequest: KvRequest = {
      method,
      key,
      params,
      body,
      state: this.state,
      minIndex: BigInt(params.get('index') || '0'),
      waitMs: params.get('wait') ? parseGoDuration(params.get('wait')!) : undefined,
      signal: controller.signal,
    };
    if (method === 'GET') await handleGet(kvRequest, res);
    else if (method === 'PUT') handlePut(kvRequest, res);
    else handleDelete(kvRequest, res);
  }

  /** `/v1/txn`: KV operations applied all together or not at all (see `handleTxn`). */
  private async txn(req: IncomingMessage, res: ServerResponse, params: URLSearchParams, token: string | undefined): Promise<void> {
    const refusal = this.refuse(params, token);
    if (refusal !== undefined) return sendError(res, refusal.status, refusal.message);
    if (req.method !== 'PUT') return send(res, 405, `method ${req.method ?? 'GET'} not allowed`, { Allow: 'PUT' });
    handleTxn(this.state, await readBody(req), res);
  }

  /** The checks Consul makes before any KV work: query options, datacenter, then the ACL token. */
  private refuse(params: URLSearchParams, token: string | undefined): { status: number; message: string } | undefined {
    if (params.has('consistent') && params.has('stale')) {
      return { status: 400, message: 'Cannot specify ?stale with ?consistent, conflicting semantics.' };
    }
    const index = params.get('index');
    if (index && !/^\d+$/.test(index)) return { status: 400, message: 'Invalid index' };
    const wait = params.get('wait');
    if (wait && parseGoDuration(wait) === undefined) return { status: 400, message: 'Invalid wait time' };
    const dc = params.get('dc');
    if (dc && dc !== this.datacenter) return { status: 500, message: 'No path to datacenter' };
    const required = this.options.aclToken;
    if (required === undefined || token === required) return undefined;
    if (token === undefined) {
      return { status: 403, message: 'Permission denied: anonymous token lacks permission on this key' };
    }
    return { status: 403, message: 'ACL not found' };
  }

  private record(request: RecordedRequest): void {
    if (this.maxRecorded === 0) return;
    this.requests.push(request);
    if (this.requests.length > this.maxRecorded) this.requests.splice(0, this.requests.length - this.maxRecorded);
  }
}

function tokenOf(req: IncomingMessage, params: URLSearchParams): string | undefined {
  const query = params.get('token');
  if (query) return query;
  const header = req.headers['x-consul-token'];
  if (typeof header === 'string' && header !== '') return header;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return bearer?.[1];
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
