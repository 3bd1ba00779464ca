import { Condition, type FeatureFlagClient } from '@flipper-client/core';
import type { FeatureDefinition } from '@growthbook/growthbook';
import type { EvaluationContext } from '@openfeature/server-sdk';
import { expectAll } from '../answers.js';
import { FLIPPER_LIBRARY, startFlipper } from '../peers/flipper.js';
import { GROWTHBOOK_LIBRARY, startGrowthBook } from '../peers/growthbook.js';
import { LAUNCHDARKLY_LIBRARY, preconfigured, startLaunchDarkly, type LaunchDarklyFlag } from '../peers/launchdarkly.js';
import { OPENFEATURE_LIBRARY, startOpenFeature, type OpenFeatureFlag } from '../peers/openfeature.js';
import { UNLEASH_LIBRARY, startUnleash, unleashToggle, type UnleashFeature } from '../peers/unleash.js';
import { PYTHON_TWO_CONDITIONS } from '../references.js';
import { defineScenario } from '../scenario.js';

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
  launchdarkly: {
    key: FLAG,
    on: true,
    variations: [true, false],
    offVariation: 1,
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
  } satisfies LaunchDarklyFlag,
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
  subjects: [
    {
      id: 'flipper-async',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${FLAG}', checks)`,
      mode: 'async',
      async setup() {
        const features = await startFlipper(twoConditions.flipper);
        const checks = { is_administrator: true, age: 30 };
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (await features.isEnabled(FLAG, checks)) on++;
            return on;
          },
        };
      },
    },
    {
      id: 'flipper-sync',
      library: FLIPPER_LIBRARY,
      call: `features.isEnabledSync('${FLAG}', checks)`,
      mode: 'sync',
      async setup() {
        const features = await startFlipper(twoConditions.flipper);
        const checks = { is_administrator: true, age: 30 };
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (features.isEnabledSync(FLAG, checks)) on++;
            return on;
          },
        };
      },
    },
    {
      id: 'unleash',
      library: UNLEASH_LIBRARY,
      call: `unleash.isEnabled('${FLAG}', context)  [IN + NUM_GTE constraints]`,
      mode: 'sync',
      async setup() {
        const unleash = await startUnleash([twoConditions.unleash]);
        const context = { properties: { is_administrator: 'true', age: '30' } };
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (unleash.isEnabled(FLAG, context)) on++;
            return on;
          },
          close: () => unleash.destroy(),
        };
      },
    },
    {
      id: 'growthbook',
      library: GROWTHBOOK_LIBRARY,
      call: `gb.isOn('${FLAG}', userContext)  [rule condition, force: true]`,
      mode: 'sync',
      async setup() {
        const gb = startGrowthBook({ [FLAG]: twoConditions.growthbook });
        const userContext = { attributes: { is_administrator: true, age: 30 } };
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (gb.isOn(FLAG, userContext)) on++;
            return on;
          },
          close: () => gb.destroy(),
        };
      },
    },
    {
      id: 'launchdarkly',
      library: LAUNCHDARKLY_LIBRARY,
      call: `await ld.variation('${FLAG}', context, false)  [rule: in + greaterThanOrEqual]`,
      mode: 'async',
      async setup() {
        const ld = await startLaunchDarkly([preconfigured(twoConditions.launchdarkly)]);
        const context = { kind: 'user', key: 'bench-user', is_administrator: true, age: 30 };
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if ((await ld.variation(FLAG, context, false)) === true) on++;
            return on;
          },
          close: () => ld.close(),
        };
      },
    },
    {
      id: 'openfeature',
      library: OPENFEATURE_LIBRARY,
      call: `await client.getBooleanValue('${FLAG}', false, context)  [contextEvaluator]`,
      mode: 'async',
      async setup() {
        const client = await startOpenFeature({ [FLAG]: twoConditions.openfeature });
        const context = { is_administrator: true, age: 30 };
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (await client.getBooleanValue(FLAG, false, context)) on++;
            return on;
          },
        };
      },
    },
  ],
});
