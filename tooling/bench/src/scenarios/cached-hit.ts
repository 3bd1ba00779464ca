import { FeatureFlagClient, SyncEvaluationUnavailableError } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { expectAll } from '../answers.js';
import { closeStore, loadRedisStores, preloadIfPossible, STORE_CACHED, STORE_REDIS } from '../flipper-stores.js';
import { freshLoops } from '../fresh-loops.js';
import { enabledFlag } from '../peers/flipper.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, NotApplicableError } from '../scenario.js';
import { flipperCall, flipperRow } from '../standard-rows.js';

const FLAG = 'PLAIN';
const CACHED_LIBRARY = 'flipper (cached over Redis)';

/** A cached store over a Redis store, holding one enabled flag, read once so the next reads hit. */
async function warmCachedStore(context: RunContext): Promise<{ features: FeatureFlagClient; store: FeatureFlagStore }> {
  const server = await context.redis();
  const stores = await loadRedisStores(context, { cached: true });
  const client = stores.newRedisClient(server);
  context.onCleanup(async () => void (await client.quit()));
  const store = stores.newCachedStore!(stores.newRedisStore(client, `bench-cached-${process.pid}`));
  const features = new FeatureFlagClient(store);
  await features.create(FLAG, { isEnabled: true });
  await preloadIfPossible(store);
  await features.isEnabled(FLAG);
  return { features, store };
}

export default defineScenario({
  kind: 'throughput',
  id: 'cached-hit',
  title: 'cached store, hit path',
  description:
    'A plain enabled flag read through the cached store over the Redis store, after a first read (and preload() where offered): every measured call is a cache hit. Baseline: the memory store.',
  order: 70,
  requires: [STORE_REDIS, STORE_CACHED],
  baseline: 'flipper-memory',
  checkAnswers: expectAll,
  subjects: [
    {
      id: 'flipper-cached',
      library: CACHED_LIBRARY,
      call: flipperCall('async', FLAG),
      mode: 'async',
      async setup(context) {
        const { features, store } = await warmCachedStore(context);
        return { ...(await freshLoops()).flipperAsyncBench(features, FLAG), close: () => closeStore(store) };
      },
    },
    {
      id: 'flipper-cached-sync',
      library: CACHED_LIBRARY,
      call: flipperCall('sync', FLAG),
      mode: 'sync',
      async setup(context) {
        const { features, store } = await warmCachedStore(context);
        try {
          features.isEnabledSync(FLAG);
        } catch (error) {
          await closeStore(store);
          if (error instanceof SyncEvaluationUnavailableError) throw new NotApplicableError(error.message);
          throw error;
        }
        return { ...(await freshLoops()).flipperSyncBench(features, FLAG), close: () => closeStore(store) };
      },
    },
    flipperRow(FLAG, 'async', { id: 'flipper-memory', define: enabledFlag(FLAG) }),
  ],
});
