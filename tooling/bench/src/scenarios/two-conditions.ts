import { Condition, type FeatureFlagClient } from '@flipper-client/core';
import type { FeatureDefinition } from '@growthbook/growthbook';
import type { EvaluationContext } from '@openfeature/server-sdk';
import { expectAll } from '../answers.js';
import { booleanFlag, preconfigured } from '../peers/launchdarkly.js';
import type { OpenFeatureFlag } from '../peers/openfeature.js';
import { unleashToggle, type UnleashFeature } from '../peers/unleash.js';
import { PYTHON_TWO_CONDITIONS } from '../references.js';
import { defineScenario } from '../scenario.js';
import { standardRows } from '../standard-rows.js';

export const FLAG = 'TWO_CONDITIONS';

/**
 * The rule, in each library's own terms: on for administrators aged 18 or more, off otherwise.
 * The checks always satisfy it, so every call must answer true; the bench's tests check that
 * each definition also answers false when either condition fails.
 */
export const twoConditions = {
  async flipper(features: FeatureFlagClient): Promise<void> {
    await features.create(FLAG, { isEnabled: true });
    await features.addCondition(FLAG, new Condition({ is_administrator: true }));
    await features.addCondition(FLAG, new Condition({ age__gte: 18 }));
  },
  unleash: unleashToggle(FLAG, {
    name: 'default',
    constraints: [
      { contextName: 'is_administrator', operator: 'IN', values: ['true'], inverted: false },
      { contextName: 'age', operator: 'NUM_GTE', value: '18', values: [], inverted: false },
    ],
  }) satisfies UnleashFeature,
  growthbook: {
    defaultValue: false,
    rules: [{ condition: { is_administrator: true, age: { $gte: 18 } }, force: true }],
  } satisfies FeatureDefinition,
  launchdarkly: booleanFlag(FLAG, {
    fallthrough: { variation: 1 },
    rules: [
      {
        id: 'administrators-of-age',
        variation: 0,
        clauses: [
          { contextKind: 'user', attribute: 'is_administrator', op: 'in', values: [true], negate: false },
          { contextKind: 'user', attribute: 'age', op: 'greaterThanOrEqual', values: [18], negate: false },
        ],
      },
    ],
  }),
  openfeature: {
    defaultVariant: 'off',
    contextEvaluator: (context: EvaluationContext) =>
      context['is_administrator'] === true && typeof context['age'] === 'number' && context['age'] >= 18 ? 'on' : 'off',
  } satisfies OpenFeatureFlag,
};

export default defineScenario({
  kind: 'throughput',
  id: 'two-conditions',
  title: 'two conditions',
  description:
    'A flag on for is_administrator == true and age >= 18 (two conditions), asked with checks that meet both; the checks object is built once, outside the loop.',
  order: 30,
  baseline: 'unleash',
  checkAnswers: expectAll,
  targets: [{ subject: 'flipper-async', atLeastOpsPerSecond: 7.5e6, why: '10× the Python library' }],
  references: [PYTHON_TWO_CONDITIONS],
  subjects: standardRows({
    flag: FLAG,
    flipper: { define: twoConditions.flipper, checks: { is_administrator: true, age: 30 } },
    unleash: {
      features: [twoConditions.unleash],
      context: { properties: { is_administrator: 'true', age: '30' } },
      note: 'IN + NUM_GTE constraints',
    },
    growthbook: {
      features: { [FLAG]: twoConditions.growthbook },
      attributes: { is_administrator: true, age: 30 },
      note: 'rule condition, force: true',
    },
    launchdarkly: {
      flags: [preconfigured(twoConditions.launchdarkly)],
      attributes: { is_administrator: true, age: 30 },
      note: 'rule: in + greaterThanOrEqual',
    },
    openfeature: {
      flags: { [FLAG]: twoConditions.openfeature },
      context: { is_administrator: true, age: 30 },
      note: 'contextEvaluator',
    },
  }),
});
