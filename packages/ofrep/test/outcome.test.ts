import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  LinearRampPercentage,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
  type Bucketer,
  type Checks,
} from '@flipper-client/core';
import { explainEvaluation } from '@flipper-client/core/store';
import { outcomeOf } from '../src/outcome.js';

/** Every kind of rule, alone and together (random shares at 0 and 1, so that both answers are known). */
const bucketers: Array<[string, () => Bucketer | undefined]> = [
  ['none', () => undefined],
  ['hash 50%', () => new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) })],
  ['hash 0%', () => new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0) })],
  ['hash, every check', () => new ConsistentHashPercentageBucketer({ percentage: new Percentage(0.5) })],
  ['hash ramp', () => new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 600 }) })],
  ['random 0%', () => new PercentageBucketer({ percentage: new Percentage(0) })],
  ['random 100%', () => new PercentageBucketer({ percentage: new Percentage(1) })],
];
const conditionSets: Array<[string, () => Condition[]]> = [
  ['no condition', () => []],
  ['admins', () => [new Condition({ is_admin: true })]],
  ['adults on pro', () => [new Condition({ age__gte: 18, plan__in: ['pro', 'enterprise'] })]],
  ['two conditions', () => [new Condition({ is_admin: true }), new Condition({ age__lt: 65 })]],
];
const contexts: Checks[] = [
  {},
  { user_id: 'u-1' },
  { user_id: 7, is_admin: true },
  { is_admin: false, age: 30 },
  { age: 10, plan: 'pro' },
  { age: 40, plan: 'pro', user_id: 'u-2' },
  { unrelated: 'x' },
  { is_admin: undefined, user_id: 'u-3' },
];

describe('outcomeOf', () => {
  it('names the rule and the answer the explanation names, for every kind of flag and context, with both unmatched-condition settings', async () => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    let compared = 0;
    for (const enabled of [true, false]) {
      for (const [bucketerName, bucketer] of bucketers) {
        for (const [conditionsName, conditions] of conditionSets) {
          const name = `${enabled ? 'on' : 'off'}.${bucketerName}.${conditionsName}`.replace(/[^\w.]/g, '_');
          const flag = await client.create(name, { isEnabled: enabled });
          for (const condition of conditions()) await flag.addCondition(condition);
          const made = bucketer();
          if (made !== undefined) await flag.setBucketer(made);
          const item = (await client.store.get(name))!;
          for (const checks of contexts) {
            for (const unmatched of ['bucket', 'enable'] as const) {
              const explanation = explainEvaluation(item, checks, unmatched);
              expect([name, JSON.stringify(checks), unmatched, outcomeOf(item, checks, unmatched)]).toEqual([
                name,
                JSON.stringify(checks),
                unmatched,
                { kind: explanation.reason.kind, enabled: explanation.enabled },
              ]);
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBe(2 * bucketers.length * conditionSets.length * contexts.length * 2);
  });
});
