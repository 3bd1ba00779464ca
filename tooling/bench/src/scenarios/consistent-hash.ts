import { createHash } from 'node:crypto';
import { ConsistentHashPercentageBucketer, Percentage, type FeatureFlagClient } from '@flipper-client/core';
import type { FeatureDefinition } from '@growthbook/growthbook';
import type { EvaluationContext } from '@openfeature/server-sdk';
import { expectShare } from '../answers.js';
import { FLIPPER_LIBRARY, startFlipper } from '../peers/flipper.js';
import { GROWTHBOOK_LIBRARY, startGrowthBook } from '../peers/growthbook.js';
import { booleanFlag, LAUNCHDARKLY_LIBRARY, preconfigured, startLaunchDarkly } from '../peers/launchdarkly.js';
import { OPENFEATURE_LIBRARY, startOpenFeature, type OpenFeatureFlag } from '../peers/openfeature.js';
import { UNLEASH_LIBRARY, startUnleash, unleashToggle, type UnleashFeature } from '../peers/unleash.js';
import { PYTHON_CONSISTENT_HASH } from '../references.js';
import { defineScenario } from '../scenario.js';
import { USER_IDS, USER_MASK } from '../users.js';

export const FLAG = 'HALF_OF_USERS';

/**
 * The rule, in each library's own terms: on for a sticky 50% of users, bucketed by a hash of the
 * user id. Each library uses its own hash (flipper: SHA-1 of Python's JSON, as the Python
 * library; Unleash: murmur3; GrowthBook: FNV-1a; LaunchDarkly: SHA-1 of key and salt); the
 * share and the stickiness are the same.
 */
export const halfOfUsers = {
  async flipper(features: FeatureFlagClient): Promise<void> {
    await features.create(FLAG, { isEnabled: true });
    await features.setBucketer(
      FLAG,
      new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
    );
  },
  unleash: unleashToggle(FLAG, {
    name: 'flexibleRollout',
    parameters: { rollout: '50', stickiness: 'userId', groupId: FLAG },
  }) satisfies UnleashFeature,
  growthbook: {
    defaultValue: false,
    rules: [{ force: true, coverage: 0.5, hashAttribute: 'id' }],
  } satisfies FeatureDefinition,
  launchdarkly: booleanFlag(FLAG, {
    fallthrough: {
      rollout: {
        variations: [
          { variation: 0, weight: 50_000 },
          { variation: 1, weight: 50_000 },
        ],
        bucketBy: 'key',
      },
    },
  }),
  openfeature: {
    defaultVariant: 'off',
    // The in-memory provider has no bucketing: this is the code its users would write.
    contextEvaluator: (context: EvaluationContext) =>
      createHash('sha1').update(`${FLAG}:${context.targetingKey ?? ''}`).digest().readUInt32BE(0) % 100 < 50 ? 'on' : 'off',
  } satisfies OpenFeatureFlag,
};

export default defineScenario({
  kind: 'throughput',
  id: 'consistent-hash',
  title: '50% consistent hash, a new user each call',
  description:
    'A flag on for a sticky 50% of users, keyed by the user id; each call asks for another user (a pool of 131,072 ids), so nothing can be cached per user.',
  order: 40,
  baseline: 'unleash',
  checkAnswers: expectShare(0.45, 0.55),
  targets: [{ subject: 'flipper-async', atLeastTimesBaseline: 2 }],
  references: [PYTHON_CONSISTENT_HASH],
  subjects: [
    {
      id: 'flipper-async',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${FLAG}', { user_id })  [ConsistentHashPercentageBucketer]`,
      mode: 'async',
      async setup() {
        const features = await startFlipper(halfOfUsers.flipper);
        let cursor = 0;
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) {
              if (await features.isEnabled(FLAG, { user_id: USER_IDS[cursor++ & USER_MASK] })) on++;
            }
            return on;
          },
        };
      },
    },
    {
      id: 'flipper-sync',
      library: FLIPPER_LIBRARY,
      call: `features.isEnabledSync('${FLAG}', { user_id })`,
      mode: 'sync',
      async setup() {
        const features = await startFlipper(halfOfUsers.flipper);
        let cursor = 0;
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) {
              if (features.isEnabledSync(FLAG, { user_id: USER_IDS[cursor++ & USER_MASK] })) on++;
            }
            return on;
          },
        };
      },
    },
    {
      id: 'unleash',
      library: UNLEASH_LIBRARY,
      call: `unleash.isEnabled('${FLAG}', { userId })  [flexibleRollout 50, userId stickiness]`,
      mode: 'sync',
      async setup() {
        const unleash = await startUnleash([halfOfUsers.unleash]);
        let cursor = 0;
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) {
              if (unleash.isEnabled(FLAG, { userId: USER_IDS[cursor++ & USER_MASK]! })) on++;
            }
            return on;
          },
          close: () => unleash.destroy(),
        };
      },
    },
    {
      id: 'growthbook',
      library: GROWTHBOOK_LIBRARY,
      call: `gb.isOn('${FLAG}', { attributes: { id } })  [rollout rule, coverage 0.5]`,
      mode: 'sync',
      async setup() {
        const gb = startGrowthBook({ [FLAG]: halfOfUsers.growthbook });
        let cursor = 0;
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) {
              if (gb.isOn(FLAG, { attributes: { id: USER_IDS[cursor++ & USER_MASK] } })) on++;
            }
            return on;
          },
          close: () => gb.destroy(),
        };
      },
    },
    {
      id: 'launchdarkly',
      library: LAUNCHDARKLY_LIBRARY,
      call: `await ld.variation('${FLAG}', { kind: 'user', key }, false)  [50/50 rollout]`,
      mode: 'async',
      async setup() {
        const ld = await startLaunchDarkly([preconfigured(halfOfUsers.launchdarkly)]);
        let cursor = 0;
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) {
              const context = { kind: 'user', key: USER_IDS[cursor++ & USER_MASK]! };
              if ((await ld.variation(FLAG, context, false)) === true) on++;
            }
            return on;
          },
          close: () => ld.close(),
        };
      },
    },
    {
      id: 'openfeature',
      library: OPENFEATURE_LIBRARY,
      call: `await client.getBooleanValue('${FLAG}', false, { targetingKey })  [contextEvaluator: sha1 mod 100]`,
      mode: 'async',
      async setup() {
        const client = await startOpenFeature({ [FLAG]: halfOfUsers.openfeature });
        let cursor = 0;
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) {
              if (await client.getBooleanValue(FLAG, false, { targetingKey: USER_IDS[cursor++ & USER_MASK]! })) on++;
            }
            return on;
          },
        };
      },
    },
  ],
});
