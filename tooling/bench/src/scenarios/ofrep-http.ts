import { once } from 'node:events';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Condition, ConsistentHashPercentageBucketer, FeatureFlagClient, MemoryFeatureFlagStore, Percentage } from '@flipper-client/core';
import type { RunContext } from '../run-context.js';
import { defineScenario, type LatencySamples, type LatencySubject } from '../scenario.js';

const OFREP = '@flipper-client/ofrep';
const KEY = 'bench-ofrep-key-0123456789';
const FLAGS = 500;
const CLIENTS = 64;
const SINGLE_GOAL = 20_000;

/** The part of @flipper-client/ofrep the scenario uses. */
interface OfrepModule {
  apiKeys(keys: { key: string; id?: string }[]): (request: Request) => unknown;
  createOfrepApp(client: FeatureFlagClient, options: { authorize: (request: Request) => unknown }): { middleware: (req: IncomingMessage, res: ServerResponse) => void; close(): void };
}

interface Served {
  readonly port: number;
  readonly agent: Agent;
}

let served: Promise<Served> | undefined;

/** 500 flags as a real set looks (a quarter with a condition and a 50% consistent hash), served on loopback node:http. */
async function serve(context: RunContext): Promise<Served> {
  const ofrep = await context.importPackage<OfrepModule>(OFREP);
  const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
  for (let i = 0; i < FLAGS; i++) {
    const flag = await features.create(`flag_${String(i).padStart(3, '0')}`, { isEnabled: i % 2 === 0 });
    if (i % 4 !== 0) continue;
    await flag.addCondition(new Condition({ plan__in: ['pro', 'enterprise'] }));
    await flag.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  }
  const app = ofrep.createOfrepApp(features, { authorize: ofrep.apiKeys([{ key: KEY, id: 'bench' }]) });
  const server = createServer(app.middleware).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  context.onCleanup(async () => {
    agent.destroy();
    app.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { port: (server.address() as AddressInfo).port, agent };
}

/** One POST over the keep-alive agent; resolves to the status and the ETag, and checks what came back. */
function post(target: Served, path: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: target.port, path, method: 'POST', agent: target.agent, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers } },
      (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => (size += chunk.length));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status !== 200 && status !== 304) reject(new Error(`${path} answered ${status}`));
          else if (status === 200 && size === 0) reject(new Error(`${path} answered an empty 200`));
          else resolve({ status, etag: res.headers.etag });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const context = (user: number): string => JSON.stringify({ context: { targetingKey: `user-${user}`, plan: user % 2 === 0 ? 'pro' : 'free' } });

async function timed(samples: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 50; i++) await call(i);
  const delaysMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await call(i);
    delaysMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return delaysMs;
}

/** A bare node:http server that answers a fixed evaluation: what the same client reaches with no app at all. */
async function serveFloor(context: RunContext): Promise<Served> {
  const body = JSON.stringify({ key: 'flag_000', value: true, reason: 'STATIC', variant: 'on' });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  context.onCleanup(async () => {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { port: (server.address() as AddressInfo).port, agent };
}

let floorServed: Promise<Served> | undefined;

function concurrentSingles(id: string, library: string, call: string, target: (run: RunContext) => Promise<Served>): LatencySubject {
  return { id, library, call, measure: async (run, samples) => measureConcurrent(await target(run), samples) };
}

async function measureConcurrent(target: Served, samples: number): Promise<LatencySamples> {
    const total = Math.max(samples * 20, 4000);
    const one = (i: number): Promise<unknown> => post(target, `/ofrep/v1/evaluate/flags/flag_${String(i % FLAGS).padStart(3, '0')}`, context(i));
    for (let i = 0; i < 500; i++) await one(i);
    const delaysMs: number[] = [];
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < total) {
          const i = next++;
          const began = process.hrtime.bigint();
          await one(i);
          delaysMs.push(Number(process.hrtime.bigint() - began) / 1e6);
        }
      }),
    );
    const perSecond = total / (Number(process.hrtime.bigint() - start) / 1e9);
    const note = `${Math.round(perSecond).toLocaleString('en-US')} requests/s over ${total.toLocaleString('en-US')} requests, client and server in this one process (goal ≥ ${SINGLE_GOAL.toLocaleString('en-US')}/s: ${perSecond >= SINGLE_GOAL ? 'met' : 'NOT met'})`;
    return { delaysMs, timeouts: 0, note } satisfies LatencySamples;
}

const single = concurrentSingles(
  'ofrep-single-64',
  '@flipper-client/ofrep (memory store)',
  `POST /ofrep/v1/evaluate/flags/{key}, ${CLIENTS} concurrent keep-alive clients (latency per request)`,
  (run) => (served ??= serve(run)),
);
const floor = concurrentSingles(
  'floor-node-http-64',
  'floor: bare node:http',
  `the same ${CLIENTS} clients against a node:http server answering a fixed body (no app)`,
  (run) => (floorServed ??= serveFloor(run)),
);

const bulk: LatencySubject = {
  id: 'ofrep-bulk-500',
  library: '@flipper-client/ofrep (memory store)',
  call: `POST /ofrep/v1/evaluate/flags (${FLAGS} flags for one context, one request at a time)`,
  async measure(run, samples) {
    const target = await (served ??= serve(run));
    const delaysMs = await timed(samples, (i) => post(target, '/ofrep/v1/evaluate/flags', context(i)));
    const p95 = [...delaysMs].sort((a, b) => a - b)[Math.floor(delaysMs.length * 0.95)]!;
    return { delaysMs, timeouts: 0, note: `goal p95 < 5 ms: ${p95 < 5 ? 'met' : 'NOT met'} (${p95.toFixed(2)} ms)` };
  },
};

const revalidation: LatencySubject = {
  id: 'ofrep-bulk-304',
  library: '@flipper-client/ofrep (memory store)',
  call: `POST /ofrep/v1/evaluate/flags with If-None-Match of the current ETag (${FLAGS} flags) → 304`,
  async measure(run, samples) {
    const target = await (served ??= serve(run));
    const body = context(7);
    const { etag } = await post(target, '/ofrep/v1/evaluate/flags', body);
    if (etag === undefined) throw new Error('the bulk answer has no ETag');
    const delaysMs = await timed(samples, async () => {
      const { status } = await post(target, '/ofrep/v1/evaluate/flags', body, { 'if-none-match': etag });
      if (status !== 304) throw new Error(`revalidation answered ${status}, not 304`);
    });
    const p95 = [...delaysMs].sort((a, b) => a - b)[Math.floor(delaysMs.length * 0.95)]!;
    return { delaysMs, timeouts: 0, note: `goal p95 < 1 ms: ${p95 < 1 ? 'met' : 'NOT met'} (${p95.toFixed(2)} ms)` };
  },
};

export default defineScenario({
  kind: 'latency',
  id: 'ofrep-http',
  title: 'OFREP server over loopback node:http',
  description:
    `@flipper-client/ofrep on node:http with ${FLAGS} flags on the memory store, client and server in one process: single evaluation with ${CLIENTS} concurrent clients (requests/s in the note), ` +
    `bulk evaluation of all ${FLAGS} for one context, and a 304 revalidation of that answer. Goals: ≥ ${SINGLE_GOAL.toLocaleString('en-US')} single evaluations/s, bulk p95 < 5 ms, 304 p95 < 1 ms.`,
  order: 105,
  requires: [OFREP],
  samples: 400,
  quickSamples: 60,
  subjects: [floor, single, bulk, revalidation],
});
