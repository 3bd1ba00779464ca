import { FeatureFlagClient } from '@flipper-client/core';
import { expectAll } from '../answers.js';
import { callConcurrently } from '../concurrent-callers.js';
import { closeStore, loadRedisStores, STORE_REDIS, type RedisClient } from '../flipper-stores.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, type ThroughputBench } from '../scenario.js';

const FLAGS = 64;
const CALLERS = 64;

/** The part of ioredis this scenario uses beyond the bench's own `RedisClient`. */
interface MgetClient extends RedisClient {
  mget(keys: string[]): Promise<(string | null)[]>;
}

async function redisSetup(context: RunContext) {
  const server = await context.redis();
  const stores = await loadRedisStores(context, { cached: false });
  const client = stores.newRedisClient(server) as MgetClient;
  context.onCleanup(async () => void (await client.quit()));
  return { stores, client };
}

/**
 * Bare MGETs of the 64 keys, counted per key answered so that the row compares with the store's
 * per-flag calls: `iterations` answers take `iterations / 64` MGETs (the last one shorter),
 * issued by `callers` concurrent callers that each await their MGET before the next.
 */
async function mgetAnswers(client: MgetClient, keys: string[], callers: number, iterations: number): Promise<number> {
  let asked = 0;
  let on = 0;
  const caller = async (): Promise<void> => {
    while (asked < iterations) {
      const count = Math.min(keys.length, iterations - asked);
      asked += count;
      const values = await client.mget(count === keys.length ? keys : keys.slice(0, count));
      for (const value of values) if (value === 'true') on++;
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return on;
}

/** The flipper client over the Redis store, `callers` at once, each call the next of the 64 flags. */
function flipperRow(callers: number) {
  return {
    id: `flipper-redis-${callers}`,
    library: 'flipper (Redis store)',
    call: `await features.isEnabled(flags[i % ${FLAGS}])${callers > 1 ? ` × ${callers} callers` : ', one at a time'}`,
    mode: 'async' as const,
    async setup(context: RunContext): Promise<ThroughputBench> {
      const { stores, client } = await redisSetup(context);
      const store = stores.newRedisStore(client, `bench-uncached-flags-${process.pid}-${callers}`);
      const features = new FeatureFlagClient(store);
      const names = Array.from({ length: FLAGS }, (_, i) => `PLAIN_${i}`);
      for (const name of names) await features.create(name, { isEnabled: true });
      let next = 0;
      return {
        run: (iterations) => callConcurrently(callers, iterations, () => features.isEnabled(names[next++ % FLAGS]!)),
        close: () => closeStore(store),
      };
    },
  };
}

/** A bare ioredis MGET of 64 keys, by `callers` at once; one caller is one MGET per turn. */
function mgetRow(callers: number) {
  return {
    id: `ioredis-mget-${callers}`,
    library: 'ioredis (no flipper)',
    call: `await redis.mget(${FLAGS} keys)${callers > 1 ? ` × ${callers} callers` : ', one at a time'}, per key`,
    mode: 'async' as const,
    async setup(context: RunContext): Promise<ThroughputBench> {
      const { client } = await redisSetup(context);
      const keys = Array.from({ length: FLAGS }, (_, i) => `bench-raw-flags-${process.pid}-${i}`);
      for (const key of keys) await client.set(key, 'true');
      return { run: (iterations) => mgetAnswers(client, keys, callers, iterations) };
    },
  };
}

export default defineScenario({
  kind: 'throughput',
  id: 'redis-uncached-flags',
  title: `Redis store, uncached, ${CALLERS} concurrent callers of ${FLAGS} different flags`,
  description:
    `Every call reads a flag from a local redis-server (loopback) with no cache in between; the ${CALLERS} callers each ask a different one of ${FLAGS} flags, so shared reads cannot help and only batching can. ` +
    `Beside it, bare ioredis MGETs of the ${FLAGS} keys counted per key: one at a time is one MGET per turn (the floor the store's batching aims at), ${CALLERS} at once is what Redis and ioredis do pipelined.`,
  order: 81,
  requires: [STORE_REDIS],
  baseline: 'ioredis-mget-1',
  checkAnswers: expectAll,
  targets: [{ subject: `flipper-redis-${CALLERS}`, atLeastOpsPerSecond: 300e3, why: 'issue 16' }],
  subjects: [flipperRow(CALLERS), flipperRow(1), mgetRow(1), mgetRow(CALLERS)],
});
