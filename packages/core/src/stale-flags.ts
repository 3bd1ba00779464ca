import { InvalidArgumentError } from './errors.js';
import { assessStaleness, DEFAULT_STALE_DAYS, type Staleness, type StalenessOptions } from './staleness.js';
import type { FeatureFlagStore } from './store.js';
import { hasUsageCounts } from './store-usage.js';
import { USAGE_RETENTION_DAYS } from './usage-tally.js';

/**
 * The staleness of every flag of a store, in its listing order: its flags and its usage read
 * back over the longer of `days` and the usage retention (35 days), so that "not evaluated for
 * N days" can tell a flag seen long ago from one never seen. Rejects with
 * `InvalidArgumentError` for a store that keeps no usage counts: without them every old flag
 * would look never evaluated.
 */
export async function staleFlags(store: FeatureFlagStore, options: StalenessOptions = {}): Promise<Staleness[]> {
  if (!hasUsageCounts(store)) {
    throw new InvalidArgumentError(`the ${store.storeName} store keeps no usage counts, so staleness cannot be judged`);
  }
  const now = options.now ?? Date.now() / 1000;
  const days = options.days ?? DEFAULT_STALE_DAYS;
  const usage = new Map((await store.readUsage({ days: Math.max(days, USAGE_RETENTION_DAYS), now })).map((flag) => [flag.featureName, flag]));
  const result: Staleness[] = [];
  for await (const item of store.list()) result.push(assessStaleness({ item, usage: usage.get(item.featureName) }, { days, now }));
  return result;
}
