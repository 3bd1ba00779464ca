import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore, hasUsageCounts } from '@flipper-client/core';
import { describeUsageConformance, FaultyStore } from '@flipper-client/test-suite';
import { CachedFeatureFlagStore } from '../src/index.js';

// Usage counts pass through the cache to the store it wraps, as any store keeps them.
describeUsageConformance('cached memory', {
  createStore: () => {
    const store = new CachedFeatureFlagStore(new MemoryFeatureFlagStore());
    if (!hasUsageCounts(store)) throw new Error('the cache hides the memory store’s usage counts');
    return { store, cleanup: () => store.close() };
  },
});

describe('usage counts through the cache', () => {
  it('offers the capability only when the inner store has it, and counts a preloaded mirror’s evaluations', async () => {
    const memory = new MemoryFeatureFlagStore();
    const mirror = new CachedFeatureFlagStore(memory);
    await mirror.preload();
    expect(hasUsageCounts(mirror)).toBe(true);
    const features = new FeatureFlagClient(mirror);
    await features.create('ON', { isEnabled: true });
    for (let i = 0; i < 3; i++) features.isEnabledSync('ON');
    await features.close();
    expect((await memory.readUsage())[0]?.total.on).toBe(3);
    await mirror.close();

    expect(hasUsageCounts(new CachedFeatureFlagStore(new FaultyStore(memory)))).toBe(false);
  });
});
