import { Condition, ConsistentHashPercentageBucketer, FeatureFlagClient, Percentage } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { startRedis } from '@flipper-client/redis-server';
import { auditLedger, type LedgerAudit } from '../ledger.js';
import { openStore } from '../open-store.js';
import type { StoreSpec } from '../store-spec.js';
import type { MemorySample, SoakResult } from '../tasks/task-spec.js';
import { WorkerPool } from '../worker-pool.js';

export interface SoakOptions {
  readonly durationMs: number;
  /** Worker processes; default 4. The first half use a cache in front of Redis, the rest plain Redis. */
  readonly workers?: number;
  readonly flagCount?: number;
  readonly warmUpMs?: number;
}

export interface WorkerMemoryFigures {
  readonly worker: number;
  readonly store: string;
  readonly baseline: MemorySample;
  readonly final: MemorySample;
  readonly peakHeapUsed: number;
  readonly peakRss: number;
  readonly heapGrowth: number;
  readonly rssGrowth: number;
  /** Every sample, about one a second. */
  readonly samples: readonly MemorySample[];
}

export interface SoakReport {
  readonly durationMs: number;
  readonly operations: SoakResult['operations'];
  readonly audit: LedgerAudit;
  readonly memory: readonly WorkerMemoryFigures[];
  readonly gcAvailable: boolean;
  /** Unhandled rejections and uncaught exceptions the workers reported. */
  readonly rejections: number;
}

function memoryFigures(worker: number, store: string, samples: readonly MemorySample[], warmUpMs: number): WorkerMemoryFigures {
  const baseline = samples.find((sample) => sample.atMs >= warmUpMs) ?? samples[0]!;
  const final = samples[samples.length - 1]!;
  const after = samples.filter((sample) => sample.atMs >= baseline.atMs);
  return {
    worker,
    store,
    baseline,
    final,
    peakHeapUsed: Math.max(...after.map((sample) => sample.heapUsed)),
    peakRss: Math.max(...after.map((sample) => sample.rss)),
    heapGrowth: final.heapUsed - baseline.heapUsed,
    rssGrowth: final.rss - baseline.rss,
    samples,
  };
}

/** Seeds the flags the evaluations read: plain, with conditions, with a rollout. */
async function seedFlags(client: FeatureFlagClient, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const flag = await client.create(`SOAK_${i}`, { isEnabled: i % 4 !== 0 });
    if (i % 3 === 0) await flag.addCondition(new Condition({ is_admin: true }));
    if (i % 2 === 0) {
      await flag.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
    }
  }
}

/**
 * Mixed load on one Redis from several worker processes for `durationMs`, then an audit of every
 * acknowledged ledger write against what Redis holds, and each worker's memory from the end of
 * the warm-up to the end of the run (after a GC when the workers have --expose-gc).
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const workers = options.workers ?? 4;
  const flagCount = options.flagCount ?? 50;
  const warmUpMs = options.warmUpMs ?? Math.min(5000, options.durationMs / 4);
  const redis = await startRedis();
  const pool = await WorkerPool.start(workers, { execArgv: ['--expose-gc'] });
  const redisSpec: StoreSpec = { kind: 'redis', host: redis.host, port: redis.port, baseKey: 'soak' };
  const specOf = (index: number): StoreSpec => (index < workers / 2 ? { kind: 'cached', inner: redisSpec } : redisSpec);
  const checker = await openStore(redisSpec);
  try {
    await seedFlags(new FeatureFlagClient(checker.store), flagCount);
    const outcomes = await pool.run(specOf, {
      name: 'soak',
      durationMs: options.durationMs,
      flagCount,
      writesPerLedgerFlag: 100,
      sampleEveryMs: 1000,
      warmUpMs,
    }).results;

    const stored = new Map<string, FeatureFlagStoreItem | undefined>();
    for (const { result } of outcomes) {
      for (const flag of result.ledgerFlags) stored.set(flag, await checker.store.get(flag));
    }
    const operations = { evaluations: 0, writes: 0, creates: 0, deletes: 0, lists: 0, failures: 0 };
    for (const { result } of outcomes) {
      for (const key of Object.keys(operations) as (keyof typeof operations)[]) operations[key] += result.operations[key];
    }
    return {
      durationMs: options.durationMs,
      operations,
      audit: auditLedger(outcomes.flatMap(({ result }) => result.writes), stored),
      memory: outcomes.map(({ index, result }) =>
        memoryFigures(index, specOf(index).kind === 'cached' ? 'cached(redis)' : 'redis', result.memory, warmUpMs),
      ),
      gcAvailable: outcomes.every(({ result }) => result.gcAvailable),
      rejections: pool.rejections.length,
    };
  } finally {
    await checker.close();
    await pool.close();
    await redis.stop();
  }
}
