import { Condition, ConsistentHashPercentageBucketer, Percentage, PercentageBucketer } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';

/** The flag names of a scale store: sortable, so the first page and a search are predictable. */
export function scaleFlagName(index: number): string {
  return `FLAG_${String(index).padStart(6, '0')}`;
}

/**
 * The mix a large shared store holds: half plain (on or off), a quarter with a condition, an
 * eighth on a random percentage, an eighth on a consistent hash by user id.
 */
export function scaleItem(index: number, plainOnly = false): FeatureFlagStoreItem {
  const kind = plainOnly ? 0 : index % 8;
  const meta = new FeatureFlagMeta({
    createdDate: 1_700_000_000 + index,
    conditions: kind === 4 || kind === 5 ? [new Condition({ plan__in: ['pro', 'enterprise'] })] : [],
    bucketer: kind === 6 ? new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }) : kind === 7 ? new PercentageBucketer({ percentage: new Percentage(0.25) }) : undefined,
  });
  return new FeatureFlagStoreItem(scaleFlagName(index), index % 2 === 0 || kind >= 6, meta);
}

/** The part of an ioredis client the seeding needs. */
interface Pipelining {
  pipeline(): { set(key: string, value: string): unknown; exec(): Promise<unknown> };
}

const PIPELINE = 5_000;

/**
 * Writes `count` encoded documents under `<baseKey>/<name>` with pipelined SETs, as the store
 * lays them out: a store of 100,000 flags in about a second instead of 100,000 round trips.
 */
export async function seedRedis(client: unknown, baseKey: string, count: number, plainOnly = false): Promise<void> {
  const redis = client as Pipelining;
  for (let start = 0; start < count; start += PIPELINE) {
    const pipeline = redis.pipeline();
    for (let index = start; index < Math.min(count, start + PIPELINE); index++) {
      pipeline.set(`${baseKey}/${scaleFlagName(index)}`, encodeDocument(scaleItem(index, plainOnly)));
    }
    await pipeline.exec();
  }
}
