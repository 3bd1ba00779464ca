import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { auditLedger, openStore, WorkerPool, type RedisSpec, type StoreSpec } from '../src/index.js';
import { reportFigures } from './support/figures.js';
import { sleep, uniqueName } from './support/time.js';

/**
 * Redis is SIGKILLed and restarted while 4 worker processes evaluate and write through one
 * store each (the same store object all along: no new client is made). Redis runs with an
 * append-only file fsynced on every write, as a deployment that cares about acknowledged writes
 * would, so the restarted server holds everything it acknowledged before the crash.
 */
const COMMAND_TIMEOUT_MS = 500;
/** Longest an isEnabled may take, outage included: the store's command timeout plus scheduling slack. */
const EVALUATION_BOUND_MS = COMMAND_TIMEOUT_MS + 1000;
const RUN_MS = 7000;
const DOWN_AFTER_MS = 1500;
const DOWN_FOR_MS = 2000;

let redis: RedisServer;
let pool: WorkerPool;

beforeAll(async () => {
  [redis, pool] = await Promise.all([
    startRedis({ args: ['--appendonly', 'yes', '--appendfsync', 'always'] }),
    WorkerPool.start(4),
  ]);
});

afterAll(async () => {
  await pool?.close();
  await redis?.stop();
});

describe.each([
  ['uncached', (redisSpec: RedisSpec): StoreSpec => redisSpec],
  ['through a CachedFeatureFlagStore', (redisSpec: RedisSpec): StoreSpec => ({ kind: 'cached', inner: redisSpec })],
])('Redis killed and restarted while 4 workers evaluate and write (%s)', (label, specOf) => {
  const cached = label !== 'uncached';

  it('keeps isEnabled bounded, loses and duplicates no acknowledged write, recovers on the same client', async () => {
    const redisSpec: RedisSpec = {
      kind: 'redis',
      host: redis.host,
      port: redis.port,
      baseKey: uniqueName('outage'),
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
    };
    const setup = await openStore(redisSpec);
    const features = new FeatureFlagClient(setup.store);
    await features.create('ON', { isEnabled: true });
    await features.create('OFF', { isEnabled: false });
    await features.create('LEDGER');

    const run = pool.run(specOf(redisSpec), {
      name: 'evaluate-and-write',
      durationMs: RUN_MS,
      probes: [
        { flag: 'ON', default: false, expected: true },
        { flag: 'OFF', default: true, expected: false },
      ],
      evaluators: 4,
      ledgerFlag: 'LEDGER',
      writeIntervalMs: 10,
    });
    await run.started;
    await sleep(DOWN_AFTER_MS);
    const killedAt = Date.now();
    await redis.kill();
    await sleep(DOWN_FOR_MS);
    await redis.restart();
    const restartedAt = Date.now();
    const outcomes = await run.results;

    expect(pool.rejections).toEqual([]);
    for (const { result } of outcomes) {
      const { evaluations, writes } = result;
      expect(evaluations.maxLatencyMs).toBeLessThan(EVALUATION_BOUND_MS);
      expect(evaluations.storeAnswers).toBeGreaterThan(0);
      if (cached) {
        // The last known value was served throughout: never the caller's default.
        expect(evaluations.defaultAnswers).toBe(0);
      } else {
        // Defaults only while Redis was away (plus one command timeout), each one reported.
        expect(evaluations.defaultAnswers).toBeGreaterThan(0);
        expect(evaluations.errorEvents).toBeGreaterThanOrEqual(evaluations.defaultAnswers);
        expect(evaluations.errorEventsTyped).toBe(true);
        expect(evaluations.firstDefaultAt!).toBeGreaterThanOrEqual(killedAt);
        expect(evaluations.lastStoreAnswerAt!).toBeGreaterThan(restartedAt);
      }
      // Writes failed during the outage with a typed error naming the flag, and worked again
      // afterwards through the same store.
      const failed = writes.filter((write) => write.outcome === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      for (const write of failed) {
        expect(['WriteNotAppliedError', 'WriteOutcomeUnknownError']).toContain(write.errorName);
        expect(write.errorNamesFlag).toBe(true);
        expect(write.settledAt).toBeGreaterThanOrEqual(killedAt);
      }
      expect(writes.some((write) => write.outcome === 'acked' && write.startedAt > restartedAt)).toBe(true);
    }

    const ledger = await setup.store.get('LEDGER');
    const audit = auditLedger(outcomes.flatMap(({ result }) => result.writes), new Map<string, FeatureFlagStoreItem | undefined>([['LEDGER', ledger]]));
    expect(audit.lost).toEqual([]);
    expect(audit.duplicated).toEqual([]);
    expect(audit.unaccounted).toEqual([]);
    expect(audit.reportedFailedButApplied).toBe(0);
    expect(audit.acked).toBeGreaterThan(100);
    reportFigures(`redis outage, ${label}`, {
      acked: audit.acked,
      failed: audit.failed,
      failedButPresent: audit.failedButPresent,
      reportedFailedButApplied: audit.reportedFailedButApplied,
      unknownApplied: audit.unknownApplied,
      maxLatencyMs: outcomes.map(({ result }) => Math.round(result.evaluations.maxLatencyMs)),
      defaultAnswers: outcomes.map(({ result }) => result.evaluations.defaultAnswers),
    });
    await setup.close();
  });
});
