import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { hasHistory, type HistoryEntry } from '@flipper-client/core/store';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

const WRITES = 10_000;
const WRITERS = 4;
const FLAGS = 20;
const KILL_AFTER = 4_000;

let server: RedisServer;

beforeAll(async () => {
  // Every write reaches the append-only file before Redis answers, so a SIGKILL loses at most
  // the write in flight, and Redis drops a script's half-written transaction when it reloads.
  server = await startRedis({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] });
});

afterAll(async () => {
  await server?.stop();
});

async function allEntries(store: RedisFeatureFlagStore, featureName: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await store.history!(featureName, { limit: 500, ...(before === undefined ? {} : { before }) });
    entries.push(...page);
    if (page.length < 500) return entries;
    before = page[page.length - 1]!.id;
  }
}

describe('history through a crash', () => {
  it(`keeps every change with its entry when Redis is killed and restarted during ${WRITES.toLocaleString('en-US')} writes`, async () => {
    const redis = new Redis({ host: server.host, port: server.port, maxRetriesPerRequest: 1 });
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('crash'), commandTimeoutMs: 500, keyspaceEvents: 'off', fallbackIntervalMs: 0 });
    expect(hasHistory(store)).toBe(true);
    const features = new FeatureFlagClient(store, { actor: 'test:crash' });
    try {
    const names = Array.from({ length: FLAGS }, (_, i) => `CRASH_${i}`);
    for (const name of names) await features.create(name);
    const runId = async (): Promise<string> => /run_id:(\w+)/.exec(await redis.info('server'))![1]!;
    const before = await runId();

    let started = 0;
    let failed = 0;
    let crash: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (started < WRITES) {
          const n = started++;
          if (n === KILL_AFTER) crash = server.kill().then(() => server.restart());
          const name = names[n % FLAGS]!;
          try {
            await (n % 3 === 0 ? features.setClientData(name, { n }) : n % 3 === 1 ? features.enable(name) : features.disable(name));
          } catch {
            failed += 1; // refused while Redis was down, or its answer lost in the crash
          }
        }
      }),
    );
    await crash;
    // Redis did go down and come back (ioredis may have resent what was in flight meanwhile).
    expect(await runId()).not.toBe(before);
    expect(failed).toBeLessThan(WRITES / 2);

    let entries = 0;
    for (const name of names) {
      const stored = await store.storedDocument!(name);
      const chain = await allEntries(store, name);
      entries += chain.length;
      // No change without its entry: what is stored is what the newest entry wrote, and each
      // entry found what the one before it left (a change without an entry would break the chain).
      expect(chain[0]!.after).toBe(stored);
      for (let i = 0; i + 1 < chain.length; i++) expect(chain[i]!.before).toBe(chain[i + 1]!.after);
      // No entry without its change: every entry's after was stored (the next entry read it back as before).
      expect(chain[chain.length - 1]!.action).toBe('create');
    }
    // One entry per write that landed: the creates and every write that did not fail. A write
    // whose answer the crash lost may have landed, or landed and been applied again by its retry
    // (one more entry, chained like any): at most one per writer in flight.
    expect(entries).toBeGreaterThanOrEqual(FLAGS + WRITES - failed);
    expect(entries).toBeLessThanOrEqual(FLAGS + WRITES + WRITERS);
    } finally {
      await redis.quit().catch(() => redis.disconnect());
    }
  }, 180_000);
});
