import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeStoreConformance, FaultyStore } from '@flipper-client/test-suite';
import { CachedFeatureFlagStore } from '../src/index.js';

// The cache must keep the whole store contract in each of its modes. `connect` stands for
// another process: its own cache over the same data.

describeStoreConformance(
  'cached memory',
  {
    createStore: () => {
      const memory = new MemoryFeatureFlagStore();
      return { store: new CachedFeatureFlagStore(memory), connect: async () => new CachedFeatureFlagStore(memory) };
    },
  },
  { writeRaw: false, readRaw: false },
);

describeStoreConformance(
  'cached memory with a TTL and small bounds',
  {
    createStore: () => {
      const memory = new MemoryFeatureFlagStore();
      return {
        store: new CachedFeatureFlagStore(memory, { ttlMs: 60_000, size: 3, missingSize: 2 }),
        connect: async () => new CachedFeatureFlagStore(memory, { ttlMs: 60_000 }),
      };
    },
  },
  { writeRaw: false, readRaw: false },
);

describeStoreConformance(
  'preloaded cached memory',
  {
    createStore: async () => {
      const memory = new MemoryFeatureFlagStore();
      const preloaded = async (): Promise<CachedFeatureFlagStore> => {
        const cache = new CachedFeatureFlagStore(memory);
        await cache.preload();
        return cache;
      };
      return { store: await preloaded(), connect: preloaded };
    },
  },
  { writeRaw: false, readRaw: false },
);

describeStoreConformance(
  'cached memory without a change feed',
  {
    createStore: () => {
      const memory = new MemoryFeatureFlagStore();
      const cached = (): CachedFeatureFlagStore => new CachedFeatureFlagStore(new FaultyStore(memory, { changeFeed: false }));
      return { store: cached(), connect: async () => cached() };
    },
  },
  { writeRaw: false, readRaw: false, changeFeed: false, syncReads: false },
);
