import { describeHistoryConformance } from '@flipper-client/test-suite';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { ReplicatedFeatureFlagStore } from '@flipper-client/store-replicated';
import type { HistoryRetention } from '@flipper-client/core/store';
import type { Redis } from 'ioredis';
import { uniqueBaseKey, useRedis } from './support/redis.js';

/*
 * The history suite through the composing stores over a real Redis: a read-through cache, and a
 * replicated store whose primary is Redis (its replica a second base key on the same server).
 * History is the Redis store's; the composing stores hand it through with every write's actor.
 * `connect` is another process: its own composition over its own connection.
 */
const redis = useRedis();

function raw(baseKey: string) {
  return {
    writeRaw: async (featureName: string, text: string) => {
      await redis().shared.set(`${baseKey}/${featureName}`, text);
    },
    readRaw: async (featureName: string) => (await redis().shared.get(`${baseKey}/${featureName}`)) ?? undefined,
  };
}

describeHistoryConformance('cached redis', {
  createStore: (retention: HistoryRetention) => {
    const baseKey = uniqueBaseKey('history-cached');
    const open = (client: Redis, closeClient: boolean): CachedFeatureFlagStore =>
      new CachedFeatureFlagStore(new RedisFeatureFlagStore(client, { baseKey, closeClient, history: retention }), { closeInner: true });
    return { store: open(redis().shared, false), connect: async () => open(redis().connection(), true), ...raw(baseKey) };
  },
});

describeHistoryConformance('replicated redis', {
  createStore: (retention: HistoryRetention) => {
    const baseKey = uniqueBaseKey('history-primary');
    const replicaKey = uniqueBaseKey('history-replica');
    const open = (client: Redis, closeClient: boolean): ReplicatedFeatureFlagStore =>
      new ReplicatedFeatureFlagStore(
        new RedisFeatureFlagStore(client, { baseKey, closeClient, history: retention }),
        [new RedisFeatureFlagStore(client, { baseKey: replicaKey })],
        { closeStores: closeClient },
      );
    return { store: open(redis().shared, false), connect: async () => open(redis().connection(), true), ...raw(baseKey) };
  },
});
