import { describe, expect, it } from '@jest/globals';
import { ConsistentHashPercentageBucketer, MemoryFeatureFlagStore, Percentage } from '@flipper-client/core';
import { resetOpenFeatureAfterEach, startProvider } from './support/harness.js';

resetOpenFeatureAfterEach();

describe('usage counting through the provider', () => {
  it("counts every boolean evaluation in the client's usage counts, as isEnabled counts its own", async () => {
    const store = new MemoryFeatureFlagStore();
    const { features, flags } = await startProvider({ store });
    await features.create('ON', { isEnabled: true });
    await features.create('OFF');
    await features.create('HASHED', { isEnabled: true });
    await features.setBucketer('HASHED', new ConsistentHashPercentageBucketer({ percentage: new Percentage(0.5) }));

    for (let i = 0; i < 3; i++) await flags.getBooleanValue('ON', false);
    await flags.getBooleanValue('OFF', true);
    await flags.getBooleanValue('MISSING', true);
    // A context the consistent hash cannot serialize: the default, counted as such.
    await flags.getBooleanValue('HASHED', false, { when: new Date(0), nested: { big: 1n } as never });
    // Not a boolean flag evaluation: not counted.
    await flags.getStringValue('ON', 'x');
    await features.isEnabled('ON');
    await features.close();

    expect(Object.fromEntries((await store.readUsage()).map((flag) => [flag.featureName, flag.total]))).toEqual({
      HASHED: { on: 0, off: 0, default: 1 },
      MISSING: { on: 0, off: 0, default: 1 },
      OFF: { on: 0, off: 1, default: 0 },
      ON: { on: 4, off: 0, default: 0 },
    });
  });
});
