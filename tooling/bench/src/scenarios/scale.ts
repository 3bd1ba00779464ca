import { STORE_CACHED, STORE_REDIS } from '../flipper-stores.js';
import { defineScenario, type LatencySubject } from '../scenario.js';
import { median, OPERATIONS, type Operation } from '../scale/operations.js';
import { ADMIN, CLI, scaleStore } from '../scale/setup.js';
import { growthNote } from '../scale/growth.js';

/** Store sizes; `--quick` runs the first two only. */
const SIZES = [1_000, 10_000, 100_000] as const;
const QUICK_SIZES = 2;

/** Median ms of each operation at each size, for the growth note of its largest size. */
const medians = new Map<string, Map<number, number>>();

function subject(operation: Operation, size: number, index: number): LatencySubject {
  return {
    id: `${operation.id}-${size / 1000}k`,
    library: `${size.toLocaleString('en-US')} flags`,
    call: operation.call(size),
    ...(index >= QUICK_SIZES ? { quick: false as const } : {}),
    async measure(context, samples) {
      const store = await scaleStore(context, size, operation.plainOnly);
      const count = size >= 100_000 ? Math.min(samples, 5) : samples;
      for (let i = 0; i < operation.warmup; i++) await operation.sample(context, store);
      const delaysMs: number[] = [];
      const extras: number[] = [];
      for (let i = 0; i < count; i++) {
        const sample = await operation.sample(context, store);
        delaysMs.push(sample.ms);
        if (sample.extra !== undefined) extras.push(sample.extra);
      }
      const bySize = medians.get(operation.id) ?? new Map<number, number>();
      bySize.set(size, median(delaysMs));
      medians.set(operation.id, bySize);
      const parts = [operation.describe?.(extras, size), growthNote(bySize, SIZES[0], size)].filter((part) => part !== undefined);
      return { delaysMs, timeouts: 0, ...(parts.length > 0 ? { note: parts.join('; ') } : {}) };
    },
  };
}

export default defineScenario({
  kind: 'latency',
  id: 'scale',
  title: 'scaling: 1,000 / 10,000 / 100,000 flags on Redis',
  description:
    'One Redis store per size, a mix of flags (half plain, a quarter with a condition, an eighth on a percentage, an eighth on a consistent hash), seeded by pipelined SETs: ' +
    "the admin app in process (first page, a search, a flag's page), the CLI's list and export (a whole process each), the cached store's cold start and its heap per flag, " +
    'and isEnabled throughput. The note of each largest-size row gives the growth 100k / 1k of its median; `--quick` runs 1k and 10k only.',
  order: 110,
  requires: [ADMIN, CLI, STORE_REDIS, STORE_CACHED],
  samples: 7,
  quickSamples: 2,
  subjects: OPERATIONS.flatMap((operation) => SIZES.map((size, index) => subject(operation, size, index))),
});
