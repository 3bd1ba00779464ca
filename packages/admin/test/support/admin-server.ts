import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { createAdminApp, type AdminApp, type AdminOptions, type AuditEvent } from '../../src/index.js';

export const WRITE_TOKEN = 'write-token-for-tests';
export const READ_TOKEN = 'read-token-for-tests';

/** Bearer tokens: one that may write (actor "writer"), one that may read. */
export function bearerAuthorize(request: Request): ReturnType<NonNullable<AdminOptions['authorize']>> {
  const header = request.headers.get('authorization');
  if (header === `Bearer ${WRITE_TOKEN}`) return { access: 'write', actor: 'writer' };
  if (header === `Bearer ${READ_TOKEN}`) return 'read';
  return false;
}

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, when it was JSON. */
  readonly body: unknown;
}

export interface RunningAdmin {
  readonly app: AdminApp;
  readonly client: FeatureFlagClient;
  readonly server: Server;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** origin + basePath */
  readonly base: string;
  readonly audits: AuditEvent[];
  /** A request to `base + path` with the write token unless `token` says otherwise. */
  call(method: string, path: string, options?: { json?: unknown; body?: string; headers?: Record<string, string>; token?: string | null }): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

export async function startAdmin(
  options: { store?: FeatureFlagStore; admin?: Partial<AdminOptions>; basePath?: string } = {},
): Promise<RunningAdmin> {
  const client = new FeatureFlagClient(options.store ?? new MemoryFeatureFlagStore());
  const basePath = options.basePath ?? '/flags';
  const app = createAdminApp(client, { authorize: bearerAuthorize, basePath, ...options.admin });
  const audits: AuditEvent[] = [];
  app.events.on('audit', (event) => audits.push(event));
  const server = createServer(app.middleware);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = `${origin}${basePath}`;
  return {
    app,
    client,
    server,
    origin,
    base,
    audits,
    async call(method, path, { json, body, headers = {}, token = WRITE_TOKEN } = {}) {
      const sent: Record<string, string> = { ...headers };
      if (token !== null) sent['authorization'] = `Bearer ${token}`;
      if (json !== undefined) sent['content-type'] ??= 'application/json';
      const response = await fetch(`${base}${path}`, {
        method,
        headers: sent,
        redirect: 'manual',
        ...(json !== undefined ? { body: JSON.stringify(json) } : body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, text, body: parsed };
    },
    async stop() {
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The `error` member of an error answer. */
export function errorOf(answer: ApiAnswer): { code: string; message: string; flag: string | null; cause: string; store?: string; storeCode?: string } {
  return (answer.body as { error: ReturnType<typeof errorOf> }).error;
}

export const enc = encodeURIComponent;
