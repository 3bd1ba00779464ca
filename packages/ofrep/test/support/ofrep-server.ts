import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { apiKeys, createOfrepApp, type OfrepApp, type OfrepOptions } from '../../src/index.js';
import { responseProblem, type Operation } from './openapi-validator.js';

/** Keys of the test servers: one for every flag, one for `web.` flags only. */
export const ALL_KEY = 'all-flags-key-0123456789';
export const WEB_KEY = 'web-flags-key-0123456789';
export const TEST_KEYS = apiKeys([
  { id: 'all', key: ALL_KEY },
  { id: 'web', key: WEB_KEY, prefixes: ['web.'] },
]);

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, when it was JSON. */
  readonly body: unknown;
}

export interface RunningOfrep {
  readonly app: OfrepApp;
  readonly client: FeatureFlagClient;
  readonly server: Server;
  /** `http://127.0.0.1:<port>`: a provider's `baseUrl` (with the base path, when mounted). */
  readonly base: string;
  /**
   * A request to `base + path`, with `key` as a bearer token (ALL_KEY unless null). Every
   * answer of a documented OFREP operation is validated against the OpenAPI document: an
   * invalid one fails the test that made it.
   */
  call(method: string, path: string, options?: { json?: unknown; body?: string; headers?: Record<string, string>; key?: string | null }): Promise<Answer>;
  stop(): Promise<void>;
}

/** The documented operation a request is, if any (for validation). */
function operationOf(method: string, path: string): Operation | undefined {
  if (method !== 'POST') return undefined;
  const pathname = path.split('?')[0]!;
  if (pathname === '/ofrep/v1/evaluate/flags') return 'bulk';
  return pathname.startsWith('/ofrep/v1/evaluate/flags/') ? 'single' : undefined;
}

/** Fails when an answer of a documented operation does not match the OpenAPI document. */
export async function assertValidAnswer(operation: Operation | undefined, answer: Answer): Promise<void> {
  if (operation === undefined) return;
  const problem = await responseProblem(operation, answer.status, answer.headers, answer.text);
  if (problem !== undefined) throw new Error(`${operation} answer ${answer.status} ${answer.text.slice(0, 300)} is not valid OFREP: ${problem}`);
}

export async function startOfrep(options: { store?: FeatureFlagStore; client?: FeatureFlagClient; ofrep?: Partial<OfrepOptions> } = {}): Promise<RunningOfrep> {
  const client = options.client ?? new FeatureFlagClient(options.store ?? new MemoryFeatureFlagStore());
  const app = createOfrepApp(client, { authorize: TEST_KEYS, ...options.ofrep });
  const server = createServer(app.middleware);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${app.basePath}`;
  return {
    app,
    client,
    server,
    base,
    async call(method, path, { json, body, headers = {}, key = ALL_KEY } = {}) {
      const sent: Record<string, string> = { ...headers };
      if (key !== null) sent['authorization'] ??= `Bearer ${key}`;
      if (json !== undefined) sent['content-type'] ??= 'application/json';
      const response = await fetch(`${base}${path}`, {
        method,
        headers: sent,
        ...(json !== undefined ? { body: JSON.stringify(json) } : body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const answer = { status: response.status, headers: response.headers, text, body: parsed };
      await assertValidAnswer(operationOf(method, path), answer);
      return answer;
    },
    async stop() {
      app.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A validating fetch for the providers: every answer they get is checked like `call`'s. */
export function validatingFetch(problems: string[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const path = new URL(request.url).pathname;
    await assertValidAnswer(operationOf(request.method, path), { status: response.status, headers: response.headers, text, body }).catch((error: unknown) =>
      problems.push(String(error)),
    );
    return response;
  };
}
