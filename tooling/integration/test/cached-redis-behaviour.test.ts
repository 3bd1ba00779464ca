import { describeCachedStoreBehaviour } from '@flipper-client/test-suite/cached';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { uniqueBaseKey, useRedis } from './support/redis.js';

/*
 * store-cached's own behaviour tests (single flight, negative caching, TTL, stale-if-error,
 * invalidation from the change feed, preload and the mirror, corrupt documents in the mirror,
 * close) with a real Redis store inside. "Another process" is a Redis store on a connection of
 * its own: its writes reach the cache only through the Redis feed (keyspace notifications and
 * the channel), after they resolved. The kit waits for the feed to go quiet before it makes a
 * cache, so the echoes of the fixtures (the Redis store reports its own write at once, then as a
 * keyspace notification and as a channel message) do not reach the cache under test late.
 */
const redis = useRedis();

describeCachedStoreBehaviour('redis', {
  createCache: (inner, settings) => new CachedFeatureFlagStore(inner, settings),
  createInner: async () => {
    const baseKey = uniqueBaseKey('behaviour');
    const store = new RedisFeatureFlagStore(redis().shared, { baseKey });
    await store.changeFeedReady();
    return {
      store,
      connect: async () => new RedisFeatureFlagStore(redis().connection(), { baseKey, closeClient: true }),
    };
  },
  changeFeedTimeoutMs: 2000,
});
