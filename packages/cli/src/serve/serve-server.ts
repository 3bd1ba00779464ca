import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerTokens, createAdminApp, type AdminApp } from '@flipper-client/admin';
import { FeatureFlagClient } from '@flipper-client/core';
import { hasReadiness, type FeatureFlagStore } from '@flipper-client/core/store';
import { apiKeys, createOfrepApp, type OfrepApp } from '@flipper-client/ofrep';
import type { JsonLog } from './json-log.js';
import type { ServeConfig } from './serve-config.js';

const ADMIN_BASE = '/admin';
/** How long a readiness answer is reused: a probe every second costs the store one read. */
const READY_CACHE_MS = 500;

export interface RunningServe {
  readonly port: number;
  /** Stops taking requests, ends event streams, waits for requests in flight. */
  shutdown(): Promise<void>;
}

/** Whether the store answers now: its first load done (where it has one) and a read that resolves. */
function readinessProbe(store: FeatureFlagStore): () => Promise<boolean> {
  let answer: { at: number; ready: Promise<boolean> } | undefined;
  return () => {
    if (answer !== undefined && Date.now() - answer.at < READY_CACHE_MS) return answer.ready;
    const ready = (async () => {
      if (hasReadiness(store)) await store.ready();
      await store.get('flipper-serve-readiness-probe');
      return true;
    })().catch(() => false);
    answer = { at: Date.now(), ready };
    return ready;
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/**
 * The server of `flipper serve`: OFREP at `/ofrep/v1/...`, the admin UI at `/admin/` (when
 * asked), `/healthz` (the process is up) and `/readyz` (the store answers), and a JSON log line
 * per request.
 */
export async function startServe(store: FeatureFlagStore, storeName: string, config: ServeConfig, log: JsonLog): Promise<RunningServe> {
  const client = new FeatureFlagClient(store);
  let ofrep: OfrepApp | undefined;
  if (config.ofrep !== undefined) {
    const { keys, allowedOrigins, serverOnly, rateLimit } = config.ofrep;
    ofrep = createOfrepApp(client, {
      ...(config.ofrep.public ? { public: true } : { authorize: apiKeys(keys) }),
      allowedOrigins,
      serverOnly,
      ...(rateLimit === undefined ? {} : { rateLimit: { requestsPerSecond: rateLimit } }),
      onError: (error) => log('error', 'ofrep request failed', { error: error instanceof Error ? error.message : String(error) }),
    });
  }
  let admin: AdminApp | undefined;
  if (config.admin !== undefined) {
    // The token serves scripts (a bearer header) and browsers (the sign-in page at /admin/sign-in).
    const tokens = bearerTokens({ write: [{ token: config.admin.token, actor: 'admin-token' }] });
    admin = createAdminApp(client, {
      basePath: ADMIN_BASE,
      authorize: tokens,
      signIn: { tokens },
      onError: (error) => log('error', 'admin request failed', { error: error instanceof Error ? error.message : String(error) }),
    });
  }
  const ready = readinessProbe(store);
  let stopping = false;
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0]!;
    res.once('finish', () => {
      if (path === '/healthz' || path === '/readyz') return;
      log('info', 'request', { method: req.method, path, status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000 });
    });
    if (stopping) res.setHeader('connection', 'close');
    if (path === '/healthz') return json(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      void ready().then((isReady) => json(res, isReady && !stopping ? 200 : 503, { status: isReady && !stopping ? 'ready' : stopping ? 'stopping' : 'store unavailable', store: storeName }));
      return;
    }
    if (ofrep?.owns(path)) return ofrep.middleware(req, res);
    if (admin !== undefined && (path === ADMIN_BASE || path.startsWith(`${ADMIN_BASE}/`))) return admin.middleware(req, res);
    json(res, 404, { error: `nothing at ${path}`, endpoints: ['/healthz', '/readyz', ...(ofrep ? ['/ofrep/v1/evaluate/flags'] : []), ...(admin ? [`${ADMIN_BASE}/`] : [])] });
  };
  const server: Server = createServer(handle);
  server.listen(config.port, config.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error))]);
  const port = (server.address() as AddressInfo).port;
  log('info', 'listening', { host: config.host, port, store: storeName, ofrep: ofrep !== undefined, changeDetection: ofrep?.changeDetection, admin: admin !== undefined ? `${ADMIN_BASE}/` : false });
  return {
    port,
    async shutdown() {
      stopping = true;
      // Event streams end first (their providers reconnect elsewhere or fall back to polling);
      // close() then stops taking connections and resolves once the requests in flight are answered.
      ofrep?.close();
      await admin?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    },
  };
}
