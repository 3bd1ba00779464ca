import { FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { expectAll } from '../answers.js';
import { callConcurrently } from '../concurrent-callers.js';
import { closeStore, STORE_REDIS, type RedisClient } from '../flipper-stores.js';
import type { RunContext } from '../run-context.js';
import { connectUncachedRedis } from '../uncached-redis.js';
import { defineScenario, type ThroughputBench } from '../scenario.js';

const FLAGS = 64;
const CALLERS = 64;

/** The part of ioredis this scenario uses beyond the bench's own `RedisClient`. */
interface MgetClient extends RedisClient {
  mget(keys: string[]): Promise<(string | null)[]>;
}

const NAMES = Array.from({ length: FLAGS }, (_, i) => `PLAIN_${i}`);

/** 64 enabled flags written by the Redis store under a base key of their own. */
async function createFlags(context: RunContext, label: string) {
  const { stores, client } = await connectUncachedRedis(context);
  const store = stores.newRedisStore(client, `bench-uncached-flags-${process.pid}-${label}`);
  const features = new FeatureFlagClient(store);
  for (const name of NAMES) await features.create(name, { isEnabled: true });
  return { client, store, features };
}

/** Where the Redis store keeps a flag (`RedisFeatureFlagStore.keyOf`). */
function keyOf(store: FeatureFlagStore, name: string): string {
  const withKeys = store as FeatureFlagStore & { keyOf?: (featureName: string) => string };
  if (typeof withKeys.keyOf !== 'function') throw new Error(`${STORE_REDIS} has no keyOf(name)`);
  return withKeys.keyOf(name);
}

/**
 * Bare MGETs of the 64 flags' keys (their documents as the store wrote them, so the reply is as
 * long as the store's), counted per key answered so that the row compares with the store's
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
      for (const value of values) if (value !== null) on++;
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
      const { store, features } = await createFlags(context, `flipper-${callers}`);
      let next = 0;
      return {
        run: (iterations) => callConcurrently(callers, iterations, () => features.isEnabled(NAMES[next++ % FLAGS]!)),
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
      const { client, store } = await createFlags(context, `mget-${callers}`);
      const keys = NAMES.map((name) => keyOf(store, name));
      return { run: (iterations) => mgetAnswers(client as MgetClient, keys, callers, iterations), close: () => closeStore(store) };
    },
  };
}

export default defineScenario({
  kind: 'throughput',
  id: 'redis-uncached-flags',
  title: `Redis store, uncached, ${CALLERS} concurrent callers of ${FLAGS} different flags`,
  description:
    `Every call reads a flag from a local redis-server (loopback) with no cache in between; the ${CALLERS} callers each ask a different one of ${FLAGS} flags, so shared reads cannot help and only batching can. ` +
    `Beside it, bare ioredis MGETs of the ${FLAGS} flags' keys (the same documents) counted per key: one at a time is one MGET per turn (the floor the store's batching aims at), ${CALLERS} at once is what Redis and ioredis do pipelined.`,
  order: 81,
  requires: [STORE_REDIS],
  baseline: 'ioredis-mget-1',
  checkAnswers: expectAll,
  targets: [{ subject: `flipper-redis-${CALLERS}`, atLeastOpsPerSecond: 300e3, why: 'issue 16' }],
  subjects: [flipperRow(CALLERS), flipperRow(1), mgetRow(1), mgetRow(CALLERS)],
});
