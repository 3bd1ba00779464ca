import { describeStoreConformance } from '@flipper-client/test-suite';
import { describeCachedStoreBehaviour, writtenAndAnnounced } from '@flipper-client/test-suite/cached';
import { CachedFeatureFlagStore } from '../src/index.js';
import { LateFeedStore } from './support/late-feed-store.js';
import { SharedFlags } from './support/shared-flags.js';

// What a networked backend does to the cache: changes are reported after the write resolved,
// and each connection hears them on its own. The suites must hold there as over plain memory.

describeCachedStoreBehaviour('a late change feed', {
  createCache: (inner, settings) => new CachedFeatureFlagStore(inner, settings),
  createInner: () => {
    const shared = new SharedFlags();
    return { store: new LateFeedStore(shared), connect: async () => new LateFeedStore(shared) };
  },
});

for (const preload of [false, true]) {
  describeStoreConformance(
    `cached store over a late change feed (preloaded: ${preload})`,
    {
      createStore: async () => {
        const shared = new SharedFlags();
        const cached = async (): Promise<CachedFeatureFlagStore> => {
          const cache = new CachedFeatureFlagStore(new LateFeedStore(shared));
          if (preload) await cache.preload();
          return cache;
        };
        const store = await cached();
        return {
          store,
          connect: cached,
          // Written as another program writes: the cache hears of it on the feed only.
          writeRaw: (featureName, text) => writtenAndAnnounced(store, featureName, () => shared.writeRaw(featureName, text)),
        };
      },
      // The atomicity group reads right after other connections wrote; a mirror hears of their
      // writes only through the feed, later (the behaviour suite checks that it converges).
      groups: { atomicity: !preload },
    },
    // The shared flags are items, not text: no raw reads.
    { readRaw: false },
  );
}
