import { FeatureFlagClient } from '@flipper-client/core';
import { expectAll } from '../answers.js';
import { callConcurrently } from '../concurrent-callers.js';
import { closeStore, STORE_REDIS } from '../flipper-stores.js';
import { connectUncachedRedis } from '../uncached-redis.js';
import { defineScenario } from '../scenario.js';

const FLAG = 'PLAIN';
const CALLERS = 64;

const concurrently = (iterations: number, call: () => Promise<boolean>): Promise<number> => callConcurrently(CALLERS, iterations, call);

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
        const { stores, client } = await connectUncachedRedis(context);
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
        const { client } = await connectUncachedRedis(context);
        const key = `bench-raw-${process.pid}`;
        await client.set(key, 'true');
        return { run: (iterations) => concurrently(iterations, async () => (await client.get(key)) === 'true') };
      },
    },
  ],
});
