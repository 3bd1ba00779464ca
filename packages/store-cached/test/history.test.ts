import { describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { hasCreateIfAbsent, hasHistory } from '@flipper-client/core/store';
import { describeHistoryConformance, FaultyStore } from '@flipper-client/test-suite';
import { CachedFeatureFlagStore } from '../src/index.js';

// The cache hands history and createIfAbsent through to the store it wraps, and shows what they
// wrote; `connect` stands for another process with its own cache over the same data.

describeHistoryConformance(
  'cached memory',
  {
    createStore: (retention) => {
      const memory = new MemoryFeatureFlagStore({ history: retention });
      return { store: new CachedFeatureFlagStore(memory), connect: async () => new CachedFeatureFlagStore(memory) };
    },
  },
  { writeRaw: false },
);

describeHistoryConformance(
  'preloaded cached memory',
  {
    createStore: async (retention) => {
      const memory = new MemoryFeatureFlagStore({ history: retention });
      const preloaded = async (): Promise<CachedFeatureFlagStore> => {
        const cache = new CachedFeatureFlagStore(memory);
        await cache.preload();
        return cache;
      };
      return { store: await preloaded(), connect: preloaded };
    },
  },
  { writeRaw: false },
);

describe('a cache over a store without history', () => {
  it('offers neither history nor createIfAbsent, and hands write contexts on', async () => {
    const memory = new MemoryFeatureFlagStore();
    const bare = new CachedFeatureFlagStore(new FaultyStore(memory));
    expect(hasHistory(bare)).toBe(false);
    expect(hasCreateIfAbsent(bare)).toBe(false);
    await bare.create('F', {}, { actor: 'user:through-two-wrappers', action: 'import' });
    expect((await memory.history('F'))[0]).toMatchObject({ actor: 'user:through-two-wrappers', action: 'import' });
  });
});
