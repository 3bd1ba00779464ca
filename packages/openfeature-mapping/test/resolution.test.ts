import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { resolutionOf } from '../src/index.js';

describe('resolutionOf', () => {
  it('maps every rule of client.explain to a reason OFREP allows, an on/off variant and the rule as metadata', async () => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await client.create('OFF');
    await client.create('ON', { isEnabled: true });
    await client.create('ADMINS', { isEnabled: true });
    await client.addCondition('ADMINS', new Condition({ is_admin: true }));
    await client.create('HASHED', { isEnabled: true });
    await client.setBucketer('HASHED', new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(1) }));
    await client.create('NOBODY', { isEnabled: true });
    await client.setBucketer('NOBODY', new PercentageBucketer({ percentage: new Percentage(0) }));

    const cases: Array<[string, Record<string, unknown>, unknown]> = [
      ['OFF', {}, { value: false, reason: 'DISABLED', variant: 'off', metadata: { 'flipper.rule': 'disabled' } }],
      ['ON', {}, { value: true, reason: 'STATIC', variant: 'on', metadata: { 'flipper.rule': 'always_on' } }],
      ['ADMINS', { is_admin: true }, { value: true, reason: 'TARGETING_MATCH', variant: 'on', metadata: { 'flipper.rule': 'conditions_matched' } }],
      ['ADMINS', { is_admin: false }, { value: false, reason: 'TARGETING_MATCH', variant: 'off', metadata: { 'flipper.rule': 'condition_failed' } }],
      ['ADMINS', { plan: 'pro' }, { value: true, reason: 'TARGETING_MATCH', variant: 'on', metadata: { 'flipper.rule': 'no_rule_applied' } }],
      ['HASHED', { user_id: 3 }, { value: true, reason: 'SPLIT', variant: 'on', metadata: { 'flipper.rule': 'consistent_hash' } }],
      ['NOBODY', {}, { value: false, reason: 'SPLIT', variant: 'off', metadata: { 'flipper.rule': 'percentage' } }],
      ['MISSING', {}, { value: false, reason: 'DEFAULT', variant: 'off', metadata: { 'flipper.rule': 'missing' } }],
    ];
    for (const [name, checks, expected] of cases) {
      const resolution = resolutionOf(await client.explain(name, checks));
      expect([name, checks, resolution]).toEqual([name, checks, expected]);
      expect(resolution.value).toBe(await client.isEnabled(name, checks));
    }
  });
});
