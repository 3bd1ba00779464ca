import { FeatureFlagClient, SyncEvaluationUnavailableError, type FeatureFlagStore } from '@flipper-client/core';
import { expectAll } from '../answers.js';
import { closeStore, loadRedisStores, preloadIfPossible, STORE_CACHED, STORE_REDIS } from '../flipper-stores.js';
import { FLIPPER_LIBRARY, startFlipper } from '../peers/flipper.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, NotApplicableError } from '../scenario.js';

const FLAG = 'PLAIN';

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
      library: 'flipper (cached over Redis)',
      call: `await features.isEnabled('${FLAG}')`,
      mode: 'async',
      async setup(context) {
        const { features, store } = await warmCachedStore(context);
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (await features.isEnabled(FLAG)) on++;
            return on;
          },
          close: () => closeStore(store),
        };
      },
    },
    {
      id: 'flipper-cached-sync',
      library: 'flipper (cached over Redis)',
      call: `features.isEnabledSync('${FLAG}')`,
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
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (features.isEnabledSync(FLAG)) on++;
            return on;
          },
          close: () => closeStore(store),
        };
      },
    },
    {
      id: 'flipper-memory',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${FLAG}')`,
      mode: 'async',
      async setup() {
        const features = await startFlipper(async (f) => void (await f.create(FLAG, { isEnabled: true })));
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (await features.isEnabled(FLAG)) on++;
            return on;
          },
        };
      },
    },
  ],
});
