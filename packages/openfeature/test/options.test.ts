import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  FeatureFlagClient,
  InvalidArgumentError,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { OpenFeature, StandardResolutionReasons } from '@openfeature/server-sdk';
import { FlipperProvider, type FlipperProviderOptions } from '../src/index.js';
import { resetOpenFeatureAfterEach } from './support/harness.js';

resetOpenFeatureAfterEach();

describe('provider options', () => {
  it.each<[string, FlipperProviderOptions, RegExp]>([
    ['an empty targeting key check', { targetingKeyCheck: '' }, /targetingKeyCheck must be a non-empty check name, got ""/],
    ['a targeting key check that is no string', { targetingKeyCheck: 7 as unknown as string }, /targetingKeyCheck .* got 7/],
    ['a targetingKeyValue that is no function', { targetingKeyValue: 'Number' as unknown as () => string }, /targetingKeyValue must be a function/],
  ])('rejects %s at construction', (_, options, message) => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    expect(() => new FlipperProvider(client, options)).toThrow(InvalidArgumentError);
    expect(() => new FlipperProvider(client, options)).toThrow(message);
  });

  it('accepts a client with typed flag names', () => {
    const typed = new FeatureFlagClient<'NEW_CHECKOUT' | 'DARK_MODE'>(new MemoryFeatureFlagStore());
    expect(new FlipperProvider(typed).metadata.name).toBe('flipper');
  });

  it("follows the client's unmatchedConditions", async () => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore(), { unmatchedConditions: 'enable' });
    await client.create('PY', { isEnabled: true });
    await client.addCondition('PY', new Condition({ is_admin: true }));
    await client.setBucketer('PY', new PercentageBucketer({ percentage: new Percentage(0) }));
    await OpenFeature.setProviderAndWait(new FlipperProvider(client));

    expect(await OpenFeature.getClient().getBooleanDetails('PY', false, { country: 'NL' })).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.TARGETING_MATCH,
    });
  });
});
