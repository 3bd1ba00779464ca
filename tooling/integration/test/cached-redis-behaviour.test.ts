import { describeCachedStoreBehaviour } from '@flipper-client/store-cached/testing';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { FeedBarrierStore } from './support/feed-barrier-store.js';
import { uniqueBaseKey, useRedis } from './support/redis.js';

/*
 * store-cached's own behaviour tests (single flight, negative caching, TTL, stale-if-error,
 * invalidation from the change feed, preload and the mirror, close) with a real Redis store
 * inside. "Another process" is a Redis store on a connection of its own: its writes reach the
 * cache only through the Redis feed (keyspace notifications and the channel), after they resolved.
 *
 * The store the kit writes its fixtures through waits for its own writes' echoes on the feed
 * (see FeedBarrierStore for the kit's assumption this works around).
 */
const redis = useRedis();

describeCachedStoreBehaviour('redis', {
  createInner: async () => {
    const baseKey = uniqueBaseKey('behaviour');
    const redisStore = new RedisFeatureFlagStore(redis().shared, { baseKey });
    await redisStore.changeFeedReady();
    return {
      store: new FeedBarrierStore(redisStore, redis().shared, `${baseKey}:changes`),
      connect: async () => new RedisFeatureFlagStore(redis().connection(), { baseKey, closeClient: true }),
    };
  },
  changeFeedTimeoutMs: 2000,
});
