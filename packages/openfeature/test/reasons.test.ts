import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { OpenFeature, StandardResolutionReasons, type EvaluationContext } from '@openfeature/server-sdk';
import { FlipperProvider } from '../src/index.js';
import { resetOpenFeatureAfterEach, startProvider } from './support/harness.js';

const { DISABLED, SPLIT, STATIC, TARGETING_MATCH } = StandardResolutionReasons;

resetOpenFeatureAfterEach();

describe('resolution reasons (SPEC §4, rule by rule)', () => {
  it('STATIC: an enabled flag with neither conditions nor bucketer is true for any context', async () => {
    const { features, flags } = await startProvider();
    await features.create('PLAIN', { isEnabled: true });

    for (const context of [{}, { targetingKey: 'u1', country: 'NL' }] as EvaluationContext[]) {
      const details = await flags.getBooleanDetails('PLAIN', false, context);
      expect(details).toMatchObject({ value: true, reason: STATIC });
      expect(details.errorCode).toBeUndefined();
    }
  });

  it('DISABLED: a disabled flag is false, even where its condition holds and the default is true', async () => {
    const { features, flags } = await startProvider();
    await features.create('OFF');
    await features.addCondition('OFF', new Condition({ is_admin: true }));

    const details = await flags.getBooleanDetails('OFF', true, { is_admin: true });
    expect(details).toMatchObject({ value: false, reason: DISABLED });
    expect(details.errorCode).toBeUndefined();
  });

  it('TARGETING_MATCH: a condition on a given variable decides, both ways, and the bucketer is not consulted', async () => {
    const { features, flags } = await startProvider();
    await features.create('ADMINS', { isEnabled: true });
    await features.addCondition('ADMINS', new Condition({ is_admin: true }));
    await features.setBucketer('ADMINS', new PercentageBucketer({ percentage: new Percentage(0) }));

    expect(await flags.getBooleanDetails('ADMINS', false, { is_admin: true })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect(await flags.getBooleanDetails('ADMINS', true, { is_admin: false })).toMatchObject({ value: false, reason: TARGETING_MATCH });
  });

  it('SPLIT: with no condition in play, a bucketer decides', async () => {
    const { features, flags } = await startProvider();
    await features.create('ALL_IN', { isEnabled: true });
    await features.setBucketer('ALL_IN', new PercentageBucketer({ percentage: new Percentage(1) }));
    await features.create('NONE_IN', { isEnabled: true });
    await features.setBucketer('NONE_IN', new ConsistentHashPercentageBucketer({ percentage: new Percentage(0) }));

    expect(await flags.getBooleanDetails('ALL_IN', false, { targetingKey: 'u1' })).toMatchObject({ value: true, reason: SPLIT });
    expect(await flags.getBooleanDetails('NONE_IN', true, { targetingKey: 'u1' })).toMatchObject({ value: false, reason: SPLIT });
  });

  it('TARGETING_MATCH also when no given check names a condition and there is no bucketer: true (OFREP has no DEFAULT success)', async () => {
    const { features, flags } = await startProvider();
    await features.create('ADMINS', { isEnabled: true });
    await features.addCondition('ADMINS', new Condition({ is_admin: true }));

    expect(await flags.getBooleanDetails('ADMINS', false, { country: 'NL' })).toMatchObject({ value: true, reason: TARGETING_MATCH, variant: 'on' });
    expect(await flags.getBooleanDetails('ADMINS', false)).toMatchObject({ value: true, reason: TARGETING_MATCH, variant: 'on' });
    expect((await flags.getBooleanDetails('ADMINS', false)).flagMetadata).toEqual({ 'flipper.rule': 'no_rule_applied' });
  });

  it("answers the seed README's example: half of the users by user_id, and every administrator", async () => {
    // The seed documents user_id=2 -> False, user_id=2 with is_admin -> True, user_id=1 -> True.
    // Python passes integer ids, so the targeting key is turned into a number to hash alike.
    const { features, flags } = await startProvider({ provider: { targetingKeyValue: Number } });
    await features.create('HALF', { isEnabled: true });
    await features.addCondition('HALF', new Condition({ is_admin: true }));
    await features.setBucketer(
      'HALF',
      new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
    );

    expect(await flags.getBooleanDetails('HALF', true, { targetingKey: '2' })).toMatchObject({ value: false, reason: SPLIT });
    expect(await flags.getBooleanDetails('HALF', false, { targetingKey: '2', is_admin: true })).toMatchObject({
      value: true,
      reason: TARGETING_MATCH,
    });
    expect(await flags.getBooleanDetails('HALF', false, { targetingKey: '1' })).toMatchObject({ value: true, reason: SPLIT });
  });

  it("follows unmatchedConditions 'enable' (Python 1.x): checks naming no condition skip the bucketer, as TARGETING_MATCH", async () => {
    const store = new MemoryFeatureFlagStore();
    const { features, flags } = await startProvider({ store });
    await features.create('PY', { isEnabled: true });
    await features.addCondition('PY', new Condition({ is_admin: true }));
    await features.setBucketer('PY', new PercentageBucketer({ percentage: new Percentage(0) }));

    const python = new FlipperProvider(new FeatureFlagClient(store, { unmatchedConditions: 'enable' }));
    await OpenFeature.setProviderAndWait('python', python);
    const pythonFlags = OpenFeature.getClient('python');

    expect(await flags.getBooleanDetails('PY', true, { country: 'NL' })).toMatchObject({ value: false, reason: SPLIT });
    expect(await pythonFlags.getBooleanDetails('PY', false, { country: 'NL' })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    // Without any check, Python 1.x consults the bucketer too.
    expect(await pythonFlags.getBooleanDetails('PY', true, {})).toMatchObject({ value: false, reason: SPLIT });
    expect(await pythonFlags.getBooleanDetails('PY', false, { is_admin: true })).toMatchObject({ value: true, reason: TARGETING_MATCH });
  });

  it.each(['bucket', 'enable'] as const)(
    "gives client.isEnabled's answer for every user of a rollout with a condition (unmatchedConditions '%s')",
    async (unmatchedConditions) => {
      const store = new MemoryFeatureFlagStore();
      const features = new FeatureFlagClient(store, { unmatchedConditions });
      await OpenFeature.setProviderAndWait(new FlipperProvider(features));
      const flags = OpenFeature.getClient();
      await features.create('ROLLOUT', { isEnabled: true });
      await features.addCondition('ROLLOUT', new Condition({ plan__ne: 'free' }));
      await features.setBucketer(
        'ROLLOUT',
        new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
      );

      const seen = new Set<string>();
      for (let i = 0; i < 40; i++) {
        for (const extra of [{}, { plan: 'free' }, { plan: 'pro' }, { region: 'eu' }] as EvaluationContext[]) {
          const details = await flags.getBooleanDetails('ROLLOUT', false, { targetingKey: `user-${i}`, ...extra });
          expect(details.value).toBe(await features.isEnabled('ROLLOUT', { user_id: `user-${i}`, ...extra }));
          seen.add(`${details.reason}:${details.value}`);
        }
      }
      const conditionOutcomes = [`${TARGETING_MATCH}:true`, `${TARGETING_MATCH}:false`];
      // 'bucket': both halves of the split show. 'enable': the targeting key is a check naming no
      // condition's variable, so the bucketer is skipped, as in Python 1.x.
      const otherOutcomes = unmatchedConditions === 'bucket' ? [`${SPLIT}:true`, `${SPLIT}:false`] : [];
      expect(seen).toEqual(new Set([...conditionOutcomes, ...otherOutcomes]));
    },
  );
});
