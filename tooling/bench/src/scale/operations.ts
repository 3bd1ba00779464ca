import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { FeatureFlagClient } from '@flipper-client/core';
import { closeStore, preloadIfPossible } from '../flipper-stores.js';
import type { RunContext } from '../run-context.js';
import { cliBinary, type ScaleStore } from './setup.js';
import { scaleFlagName } from './seed.js';

/** One sample: its time in ms, and optionally a number the row's note reports (heap bytes, calls/s). */
export interface Sample {
  readonly ms: number;
  readonly extra?: number;
}

export interface Operation {
  readonly id: string;
  readonly call: (size: number) => string;
  /** Samples taken before the measured ones (JIT, connections, first decode). */
  readonly warmup: number;
  readonly plainOnly?: boolean;
  sample(context: RunContext, store: ScaleStore): Promise<Sample>;
  /** What the note says about the samples' `extra` values, if anything. */
  describe?(extras: readonly number[], size: number): string;
}

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

async function timed(work: () => Promise<void>): Promise<Sample> {
  const start = performance.now();
  await work();
  return { ms: performance.now() - start };
}

function adminRow(id: string, call: string, path: (size: number) => string, expect: (size: number) => string): Operation {
  return {
    id,
    call: (size) => `${call}: GET /flags${path(size)}`,
    warmup: 2,
    async sample(_context, store) {
      const get = await store.admin();
      return timed(async () => {
        const text = await get(path(store.size));
        if (!text.includes(expect(store.size))) throw new Error(`${path(store.size)} answered without ${expect(store.size)}`);
      });
    },
  };
}

/** Runs the built binary to completion; rejects with its stderr when it fails. */
function runFlipper(bin: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--no-progress'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`flipper ${args[0]} exited ${code}: ${stderr.trim()}`))));
  });
}

function cliRow(id: string, args: (store: ScaleStore, scratch: string) => string[]): Operation {
  return {
    id,
    call: () => `flipper ${id.slice(4)} (a whole process)`,
    warmup: 0,
    async sample(context, store) {
      const { bin, scratch } = cliBinary(context);
      return timed(() => runFlipper(bin, args(store, scratch)));
    },
  };
}

function coldStart(plainOnly: boolean): Operation {
  return {
    id: plainOnly ? 'cold-start-plain' : 'cold-start',
    call: () => `new CachedFeatureFlagStore(redisStore).preload()${plainOnly ? ' [plain flags only]' : ''}`,
    warmup: 1,
    plainOnly,
    async sample(_context, store) {
      collect();
      collect();
      const before = process.memoryUsage().heapUsed;
      const start = performance.now();
      const cached = store.stores.newCachedStore!(store.stores.newRedisStore(store.client, store.baseKey, { history: false }));
      if (!(await preloadIfPossible(cached))) throw new Error('the cached store has no preload()');
      const ms = performance.now() - start;
      collect();
      collect();
      const extra = (process.memoryUsage().heapUsed - before) / store.size;
      await closeStore(cached);
      return { ms, extra };
    },
    describe: (extras) => `heap per flag after load ${Math.round(median(extras)).toLocaleString('en-US')} B (median of samples; goal < 2 KiB per plain flag)`,
  };
}

const CALLS = 50_000;

/** `await isEnabled` of a flag picked from every part of the store, through a preloaded cached store. */
const isEnabled: Operation = {
  id: 'is-enabled',
  call: () => `${CALLS.toLocaleString('en-US')} × await features.isEnabled(name, { user_id }) over a preloaded cached store`,
  warmup: 2,
  async sample(context, store) {
    const features = await readyClient(context, store);
    const names = Array.from({ length: 4096 }, (_, i) => scaleFlagName(Math.floor(((i * 7919) % 4096) * (store.size / 4096))));
    const start = performance.now();
    let on = 0;
    for (let i = 0; i < CALLS; i++) if (await features.isEnabled(names[i & 4095]!, { user_id: i, plan: 'pro' })) on++;
    const ms = performance.now() - start;
    if (on === 0 || on === CALLS) throw new Error(`isEnabled answered ${on} of ${CALLS} true: the mix should give some of each`);
    return { ms, extra: (CALLS * 1000) / ms };
  },
  describe: (extras) => `${(median(extras) / 1e6).toFixed(2)} M calls/s (median of samples)`,
};

const clients = new Map<ScaleStore, Promise<{ features: FeatureFlagClient; close(): Promise<void> }>>();

function readyClient(context: RunContext, store: ScaleStore): Promise<FeatureFlagClient> {
  let client = clients.get(store);
  if (client === undefined) {
    if (clients.size === 0) context.onCleanup(closeClients);
    client = (async () => {
      const cached = store.stores.newCachedStore!(store.stores.newRedisStore(store.client, store.baseKey, { history: false }));
      await preloadIfPossible(cached);
      return { features: new FeatureFlagClient(cached), close: () => closeStore(cached) };
    })();
    clients.set(store, client);
  }
  return client.then((ready) => ready.features);
}

/** Closes the cached stores the throughput rows kept (their change-feed connections). */
async function closeClients(): Promise<void> {
  for (const client of clients.values()) await (await client).close();
  clients.clear();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export const OPERATIONS: readonly Operation[] = [
  adminRow('admin-page', 'admin JSON list, first page of 50', () => '/api/flags?limit=50', (size) => `"total":${size}`),
  adminRow('admin-search', 'admin JSON search', () => '/api/flags?q=FLAG_00012&limit=50', () => scaleFlagName(123)),
  adminRow('admin-flag', "admin flag's page (HTML)", () => `/flag/${scaleFlagName(500)}`, () => scaleFlagName(500)),
  cliRow('cli-list', (store) => ['list', '--json', '--store', store.redisUrl]),
  cliRow('cli-export', (store, scratch) => ['export', '--output', join(scratch, `export-${store.size}.jsonl`), '--store', store.redisUrl]),
  coldStart(false),
  coldStart(true),
  isEnabled,
];
