import { describe, expect, it } from '@jest/globals';
import { runSoak } from '../src/index.js';
import { reportFigures } from './support/figures.js';

/**
 * The short soak: 15 s of mixed load on one Redis from 4 worker processes (two through a cache,
 * two on the Redis store directly). `pnpm --filter @flipper-client/faults soak` runs the 60 s one
 * and prints its figures.
 */
const MIB = 1024 * 1024;
/** Heap (after a GC) a worker may gain from the end of the warm-up to the end of the run. */
const HEAP_GROWTH_BOUND = 16 * MIB;

describe('soak', () => {
  it('15 s of mixed load from 4 processes: no write lost or duplicated, no unhandled rejection, memory growth bounded', async () => {
    const report = await runSoak({ durationMs: 15_000, warmUpMs: 4000 });
    reportFigures('soak 15 s', report);
    expect(report.rejections).toBe(0);
    expect(report.operations.failures).toBe(0);
    expect(report.audit.acked).toBeGreaterThan(1000);
    expect(report.audit.lost).toEqual([]);
    expect(report.audit.duplicated).toEqual([]);
    expect(report.audit.unaccounted).toEqual([]);
    expect(report.gcAvailable).toBe(true);
    expect(report.memory).toHaveLength(4);
    for (const figures of report.memory) expect(figures.heapGrowth).toBeLessThan(HEAP_GROWTH_BOUND);
  });
});
