import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  MemoryFeatureFlagStore,
  Percentage,
} from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { closeStore, loadRedisStores, STORE_REDIS } from '../flipper-stores.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, type LatencySamples, type LatencySubject } from '../scenario.js';

const ADMIN = '@flipper-client/admin';
const FLAGS = 1000;
const TOKEN = 'bench-token';
const CONCURRENT = 8;

/** The part of @flipper-client/admin the scenario uses. */
interface AdminModule {
  createAdminApp(
    client: FeatureFlagClient,
    options: { basePath: string; authorize: (request: Request) => 'write' | false },
  ): { middleware: (req: IncomingMessage, res: ServerResponse) => void; close(): Promise<void> };
}

/** 1,000 flags, every fourth with a condition and a 50% consistent hash, as a real list looks. */
async function populate(store: FeatureFlagStore): Promise<void> {
  const features = new FeatureFlagClient(store);
  for (let i = 0; i < FLAGS; i++) {
    const flag = await features.create(`FLAG_${String(i).padStart(4, '0')}`, { isEnabled: i % 2 === 0 });
    if (i % 4 !== 0) continue;
    await flag.addCondition(new Condition({ plan__in: ['pro', 'enterprise'] }));
    await flag.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  }
}

async function serve(context: RunContext, store: FeatureFlagStore): Promise<string> {
  const admin = await context.importPackage<AdminModule>(ADMIN);
  const app = admin.createAdminApp(new FeatureFlagClient(store), {
    basePath: '/flags',
    authorize: (request) => (request.headers.get('authorization') === `Bearer ${TOKEN}` ? 'write' : false),
  });
  const server: Server = createServer(app.middleware).listen(0, '127.0.0.1');
  await once(server, 'listening');
  context.onCleanup(async () => {
    await app.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/flags`;
}

/** One request, checked: a fast answer that lists the wrong thing is an error, not a number. */
async function request(url: string, expect: string): Promise<void> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
  const text = await response.text();
  if (response.status !== 200 || !text.includes(expect)) throw new Error(`${url} answered ${response.status} without ${expect}`);
}

async function measureRequests(url: string, expect: string, samples: number): Promise<LatencySamples> {
  for (let i = 0; i < 20; i++) await request(url, expect);
  const delaysMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await request(url, expect);
    delaysMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  // Throughput with a few clients at once (the latencies above are one request at a time).
  const total = samples * 2;
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (next++ < total) await request(url, expect);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const sequential = delaysMs.length / (delaysMs.reduce((sum, ms) => sum + ms, 0) / 1000);
  return {
    delaysMs,
    timeouts: 0,
    note: `${sequential.toFixed(0)} requests/s one at a time, ${(total / seconds).toFixed(0)} requests/s with ${CONCURRENT} concurrent clients (keep-alive fetch over loopback)`,
  };
}

type Backend = 'memory' | 'redis';

async function storeFor(context: RunContext, backend: Backend): Promise<FeatureFlagStore> {
  if (backend === 'memory') return new MemoryFeatureFlagStore();
  const server = await context.redis();
  const stores = await loadRedisStores(context, { cached: false });
  const client = stores.newRedisClient(server);
  const store = stores.newRedisStore(client, `bench-admin-${process.pid}`);
  context.onCleanup(async () => {
    await closeStore(store);
    await client.quit();
  });
  return store;
}

// One populated store and server per backend, shared by its API and page rows.
const prepared = new Map<Backend, Promise<string>>();

function subject(backend: Backend, surface: 'api' | 'page'): LatencySubject {
  const path = surface === 'api' ? `/api/flags?limit=${FLAGS}` : '/';
  return {
    id: `admin-${surface}-${backend}`,
    library: `@flipper-client/admin (${backend} store)`,
    call: surface === 'api' ? `GET /flags/api/flags?limit=${FLAGS} (JSON of all ${FLAGS})` : `GET /flags/ (HTML list page: ${FLAGS} read, 100 shown)`,
    async measure(context, samples) {
      let base = prepared.get(backend);
      if (base === undefined) {
        base = storeFor(context, backend).then(async (store) => {
          await populate(store);
          return serve(context, store);
        });
        prepared.set(backend, base);
      }
      return measureRequests(`${await base}${path}`, surface === 'api' ? `"total":${FLAGS}` : `${FLAGS} flags`, samples);
    },
  };
}

export default defineScenario({
  kind: 'latency',
  id: 'admin-list',
  title: `admin app: listing ${FLAGS} flags over HTTP`,
  description:
    `The admin app on node:http over loopback with ${FLAGS} flags (a quarter with a condition and a consistent hash): the JSON list of all of them, and the HTML list page. ` +
    'Latency of sequential requests; requests/s in the notes. Goal: the API lists 1,000 flags in under 50 ms p95 on Redis.',
  order: 100,
  requires: [ADMIN, STORE_REDIS],
  samples: 200,
  quickSamples: 30,
  subjects: [subject('memory', 'api'), subject('memory', 'page'), subject('redis', 'api'), subject('redis', 'page')],
});
