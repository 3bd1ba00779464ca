import { describeStoreConformance } from '@flipper-client/test-suite';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { writtenAndAnnounced } from '@flipper-client/test-suite/cached';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import type { Redis } from 'ioredis';
import { uniqueBaseKey, useRedis } from './support/redis.js';

/*
 * The whole store contract on CachedFeatureFlagStore(RedisFeatureFlagStore): once as a
 * read-through LRU, once preloaded (a mirror kept current by the Redis change feed). `connect`
 * is another process: its own cache over its own Redis store and connection.
 *
 * Over a networked feed a preloaded cache sees another connection's write only once the feed
 * reports it, so the atomicity group (which reads right after other connections wrote) runs on
 * the non-preloaded cache only, as store-cached's README says; the cross-process and behaviour
 * tests check that the mirror converges.
 *
 * Documents written by others (the Python library's, corrupt ones) run on both: a plain SET is
 * heard through keyspace notifications, and `writeRaw` resolves once the cache under test has
 * announced the flag on its own feed, which it does once it shows the document (a mirror keeps a
 * corrupt one as the flag's InvalidDocumentError).
 */
const redis = useRedis();
const FEED_TIMEOUT_MS = 2000;

for (const preload of [false, true]) {
  describeStoreConformance(
    `cached redis (preloaded: ${preload})`,
    {
      createStore: async () => {
        const baseKey = uniqueBaseKey(preload ? 'mirror' : 'cached');
        const open = async (client: Redis, closeClient: boolean): Promise<CachedFeatureFlagStore> => {
          const inner = new RedisFeatureFlagStore(client, { baseKey, closeClient });
          // Subscribed before anyone writes, as a long-running reader is.
          await inner.changeFeedReady();
          const cache = new CachedFeatureFlagStore(inner, { closeInner: true });
          if (preload) await cache.preload();
          return cache;
        };
        const store = await open(redis().shared, false);
        return {
          store,
          connect: () => open(redis().connection(), true),
          // A plain SET on the flag's key, as the Python library writes.
          writeRaw: (featureName, text) =>
            writtenAndAnnounced(store, featureName, () => redis().shared.set(`${baseKey}/${featureName}`, text), FEED_TIMEOUT_MS),
          readRaw: async (featureName) => (await redis().shared.get(`${baseKey}/${featureName}`)) ?? undefined,
        };
      },
      groups: { atomicity: !preload },
      concurrentWriters: 20,
      changeFeedTimeoutMs: FEED_TIMEOUT_MS,
    },
    { changeFeed: true, syncReads: true, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
  );
}
