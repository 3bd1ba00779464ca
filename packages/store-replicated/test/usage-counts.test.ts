import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore, hasUsageCounts } from '@flipper-client/core';
import { describeUsageConformance, FaultyStore } from '@flipper-client/test-suite';
import { ReplicatedFeatureFlagStore } from '../src/index.js';

// Usage counts are the primary's: reads come from it, and counts are not replicated.
describeUsageConformance('replicated memory', {
  createStore: () => {
    const store = new ReplicatedFeatureFlagStore(new MemoryFeatureFlagStore(), [new MemoryFeatureFlagStore()]);
    if (!hasUsageCounts(store)) throw new Error('the replicated store hides the primary’s usage counts');
    return { store, cleanup: () => store.close() };
  },
});

describe('usage counts of a replicated store', () => {
  it('go to the primary only, and exist only when the primary keeps them', async () => {
    const primary = new MemoryFeatureFlagStore();
    const replica = new MemoryFeatureFlagStore();
    const store = new ReplicatedFeatureFlagStore(primary, [replica]);
    const features = new FeatureFlagClient(store);
    await features.create('ON', { isEnabled: true });
    await features.isEnabled('ON');
    await features.close();
    await store.close();
    expect((await primary.readUsage())[0]?.total.on).toBe(1);
    expect(await replica.readUsage()).toEqual([]);
    expect(hasUsageCounts(new ReplicatedFeatureFlagStore(new FaultyStore(primary), [replica]))).toBe(false);
  });
});
