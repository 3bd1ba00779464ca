import { FeatureFlagClient } from '@flipper-client/core';
import { expectAll } from '../answers.js';
import { callConcurrently } from '../concurrent-callers.js';
import { closeStore, loadRedisStores, STORE_REDIS } from '../flipper-stores.js';
import type { RunContext } from '../run-context.js';
import { defineScenario } from '../scenario.js';

const FLAG = 'PLAIN';
const CALLERS = 64;

const concurrently = (iterations: number, call: () => Promise<boolean>): Promise<number> => callConcurrently(CALLERS, iterations, call);

async function redisSetup(context: RunContext) {
  const server = await context.redis();
  const stores = await loadRedisStores(context, { cached: false });
  const client = stores.newRedisClient(server);
  context.onCleanup(async () => void (await client.quit()));
  return { stores, client };
}

export default defineScenario({
  kind: 'throughput',
  id: 'redis-uncached',
  title: `Redis store, uncached, ${CALLERS} concurrent callers`,
  description:
    'Every call reads the flag from a local redis-server (loopback) with no cache in between, 64 callers at once; beside it, a bare ioredis GET of a key with the same concurrency (the round trip alone).',
  order: 80,
  requires: [STORE_REDIS],
  baseline: 'ioredis-get',
  checkAnswers: expectAll,
  targets: [{ subject: 'flipper-redis', atLeastOpsPerSecond: 100e3 }],
  subjects: [
    {
      id: 'flipper-redis',
      library: 'flipper (Redis store)',
      call: `await features.isEnabled('${FLAG}') × ${CALLERS} callers`,
      mode: 'async',
      async setup(context) {
        const { stores, client } = await redisSetup(context);
        const store = stores.newRedisStore(client, `bench-uncached-${process.pid}`);
        const features = new FeatureFlagClient(store);
        await features.create(FLAG, { isEnabled: true });
        return {
          run: (iterations) => concurrently(iterations, () => features.isEnabled(FLAG)),
          close: () => closeStore(store),
        };
      },
    },
    {
      id: 'ioredis-get',
      library: 'ioredis (no flipper)',
      call: `await redis.get(key) × ${CALLERS} callers`,
      mode: 'async',
      async setup(context) {
        const { client } = await redisSetup(context);
        const key = `bench-raw-${process.pid}`;
        await client.set(key, 'true');
        return { run: (iterations) => concurrently(iterations, async () => (await client.get(key)) === 'true') };
      },
    },
  ],
});
