import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Condition, ConsistentHashPercentageBucketer, FeatureFlagClient, MemoryFeatureFlagStore, Percentage } from '@flipper-client/core';
import type { RunContext } from './run-context.js';
import type { WrkRequest } from './wrk.js';

export const OFREP = '@flipper-client/ofrep';
export const FLAGS = 500;
const KEY = 'bench-ofrep-key-0123456789';

/** The part of @flipper-client/ofrep the scenario uses. */
interface OfrepModule {
  apiKeys(keys: { key: string; id?: string }[]): (request: Request) => unknown;
  createOfrepApp(client: FeatureFlagClient, options: { authorize: (request: Request) => unknown }): { middleware: (req: IncomingMessage, res: ServerResponse) => void; close(): void };
}

/** A server of this process on loopback, and how many requests it has taken. */
export interface BenchServer {
  readonly url: string;
  served(): number;
}

async function listen(context: RunContext, handler: (req: IncomingMessage, res: ServerResponse) => void, close: () => void = () => undefined): Promise<BenchServer> {
  let served = 0;
  const server: Server = createServer((req, res) => {
    served++;
    handler(req, res);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  context.onCleanup(async () => {
    close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served: () => served };
}

/** 500 flags as a real set looks (a quarter with a condition and a 50% consistent hash), served by the OFREP app on node:http. */
export async function serveOfrep(context: RunContext): Promise<BenchServer> {
  const ofrep = await context.importPackage<OfrepModule>(OFREP);
  const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
  for (let i = 0; i < FLAGS; i++) {
    const flag = await features.create(flagName(i), { isEnabled: i % 2 === 0 });
    if (i % 4 !== 0) continue;
    await flag.addCondition(new Condition({ plan__in: ['pro', 'enterprise'] }));
    await flag.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  }
  const app = ofrep.createOfrepApp(features, { authorize: ofrep.apiKeys([{ key: KEY, id: 'bench' }]) });
  return listen(context, app.middleware, () => app.close());
}

/** The floor: node:http reading the body and answering a fixed evaluation, no app at all. */
export function serveFloor(context: RunContext): Promise<BenchServer> {
  const body = JSON.stringify({ key: 'flag_000', value: true, reason: 'STATIC', variant: 'on', metadata: {} });
  return listen(context, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body));
  });
}

export const flagName = (i: number): string => `flag_${String(i % FLAGS).padStart(3, '0')}`;
export const contextBody = (user: number): string => JSON.stringify({ context: { targetingKey: `user-${user}`, plan: user % 2 === 0 ? 'pro' : 'free' } });

const HEADERS = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

/** Single evaluations, each of a flag and a user of its own (500 of them, sent in turn). */
export const singleRequests: readonly WrkRequest[] = Array.from({ length: FLAGS }, (_, i) => ({
  method: 'POST',
  path: `/ofrep/v1/evaluate/flags/${flagName(i)}`,
  headers: HEADERS,
  body: contextBody(i),
}));

/** Bulk evaluations for 100 users in turn. */
export const bulkRequests: readonly WrkRequest[] = Array.from({ length: 100 }, (_, i) => ({ method: 'POST', path: '/ofrep/v1/evaluate/flags', headers: HEADERS, body: contextBody(i) }));

export function revalidationRequest(user: number, etag: string): WrkRequest {
  return { method: 'POST', path: '/ofrep/v1/evaluate/flags', headers: { ...HEADERS, 'if-none-match': etag }, body: contextBody(user) };
}

/** One request made here, before the load, to check what the server answers. */
export async function ask(server: BenchServer, request: WrkRequest): Promise<{ status: number; etag: string | null; body: unknown }> {
  const response = await fetch(`${server.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  const text = await response.text();
  return { status: response.status, etag: response.headers.get('etag'), body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}
