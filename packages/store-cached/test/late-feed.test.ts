import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeStoreConformance } from '@flipper-client/core/testing';
import { CachedFeatureFlagStore } from '../src/index.js';
import { describeCachedStoreBehaviour } from '../src/testing/index.js';
import { LateFeedStore } from './support/late-feed-store.js';

// What a networked backend does to the cache: changes are reported after the write resolved,
// and each connection hears them on its own. The suites must hold there as over plain memory.

describeCachedStoreBehaviour('a late change feed', {
  createInner: () => {
    const memory = new MemoryFeatureFlagStore();
    return { store: new LateFeedStore(memory), connect: async () => new LateFeedStore(memory) };
  },
});

for (const preload of [false, true]) {
  describeStoreConformance(
    `cached store over a late change feed (preloaded: ${preload})`,
    {
      createStore: async () => {
        const memory = new MemoryFeatureFlagStore();
        const cached = async (): Promise<CachedFeatureFlagStore> => {
          const cache = new CachedFeatureFlagStore(new LateFeedStore(memory));
          if (preload) await cache.preload();
          return cache;
        };
        return { store: await cached(), connect: cached };
      },
      // The atomicity group reads right after other connections wrote; a mirror hears of their
      // writes only through the feed, later (the behaviour suite checks that it converges).
      groups: { atomicity: !preload },
    },
    { writeRaw: false },
  );
}
