import { hasChangeFeed, type FeatureFlagStore } from '@flipper-client/core/store';
import { waitFor } from '../wait-for.js';

/**
 * Runs `write` (of a flag, by someone else than the cache), then waits until the cache announces
 * that flag on its feed: a cache announces a change once it shows it, so a preloaded mirror then
 * answers with what was written.
 */
export async function writtenAndAnnounced(
  cache: FeatureFlagStore,
  featureName: string,
  write: () => unknown,
  timeoutMs = 2000,
): Promise<void> {
  if (!hasChangeFeed(cache)) throw new Error(`${cache.storeName} has no change feed to announce ${featureName} on`);
  let heard = false;
  const stop = cache.watch((change) => {
    if (change.kind === 'all' || change.featureName === featureName) heard = true;
  });
  try {
    await write();
    await waitFor(() => heard, timeoutMs, `the cache to announce ${featureName}`);
  } finally {
    stop();
  }
}
