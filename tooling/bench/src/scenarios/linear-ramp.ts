import {
  LinearRampPercentage,
  Percentage,
  PercentageBucketer,
  type FeatureFlagClient,
  type PercentageSource,
} from '@flipper-client/core';
import type { EvaluationContext } from '@openfeature/server-sdk';
import { expectShare } from '../answers.js';
import { FLIPPER_LIBRARY, startFlipper } from '../peers/flipper.js';
import { GROWTHBOOK_LIBRARY } from '../peers/growthbook.js';
import { LAUNCHDARKLY_LIBRARY } from '../peers/launchdarkly.js';
import { OPENFEATURE_LIBRARY, startOpenFeature, type OpenFeatureFlag } from '../peers/openfeature.js';
import { UNLEASH_LIBRARY } from '../peers/unleash.js';
import { defineScenario } from '../scenario.js';

export const FLAG = 'RAMP';
const INITIAL = 0.2;
const FINAL = 0.8;
const DURATION_S = 1800;

/** The ramp started 15 minutes before the run, so it stands at 50% and rises by 2% a minute. */
function rampStart(): number {
  return Math.floor(Date.now() / 1000) - DURATION_S / 2;
}

function flipperWith(percentage: () => PercentageSource) {
  return async (features: FeatureFlagClient): Promise<void> => {
    await features.create(FLAG, { isEnabled: true });
    await features.setBucketer(FLAG, new PercentageBucketer({ percentage: percentage() }));
  };
}

/** The seed documentation's example: a random 20% → 80% ramp over 30 minutes. */
export const linearRamp = {
  flipper: flipperWith(
    () => new LinearRampPercentage({ initialValue: INITIAL, finalValue: FINAL, rampDuration: DURATION_S, initialTime: rampStart() }),
  ),
  flipperConstant: flipperWith(() => new Percentage(0.5)),
  openfeature(): OpenFeatureFlag {
    const start = rampStart();
    const slope = (FINAL - INITIAL) / DURATION_S;
    return {
      defaultVariant: 'off',
      // The in-memory provider has no ramps: this is the code its users would write.
      contextEvaluator: (_context: EvaluationContext) =>
        Math.random() <= Math.min(FINAL, INITIAL + slope * (Date.now() / 1000 - start)) ? 'on' : 'off',
    };
  },
};

const NO_RAMP = 'no time-based ramp evaluated in the SDK (a fixed share only)';

export default defineScenario({
  kind: 'throughput',
  id: 'linear-ramp',
  title: 'linear ramp',
  description:
    'A flag whose random share ramps from 20% to 80% over 30 minutes (standing at ~50% during the run): the cost of reading the clock per call.',
  order: 50,
  baseline: 'flipper-constant',
  checkAnswers: expectShare(0.45, 0.58),
  notApplicable: [
    { library: UNLEASH_LIBRARY, reason: NO_RAMP },
    { library: GROWTHBOOK_LIBRARY, reason: NO_RAMP },
    { library: LAUNCHDARKLY_LIBRARY, reason: 'progressive rollouts are run by the service, not the SDK' },
  ],
  subjects: [
    {
      id: 'flipper-async',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${FLAG}')  [PercentageBucketer(LinearRampPercentage)]`,
      mode: 'async',
      async setup() {
        const features = await startFlipper(linearRamp.flipper);
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (await features.isEnabled(FLAG)) on++;
            return on;
          },
        };
      },
    },
    {
      id: 'flipper-sync',
      library: FLIPPER_LIBRARY,
      call: `features.isEnabledSync('${FLAG}')  [PercentageBucketer(LinearRampPercentage)]`,
      mode: 'sync',
      async setup() {
        const features = await startFlipper(linearRamp.flipper);
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (features.isEnabledSync(FLAG)) on++;
            return on;
          },
        };
      },
    },
    {
      id: 'flipper-constant',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${FLAG}')  [PercentageBucketer(Percentage(0.5)), no ramp]`,
      mode: 'async',
      async setup() {
        const features = await startFlipper(linearRamp.flipperConstant);
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (await features.isEnabled(FLAG)) on++;
            return on;
          },
        };
      },
    },
    {
      id: 'openfeature',
      library: OPENFEATURE_LIBRARY,
      call: `await client.getBooleanValue('${FLAG}', false)  [contextEvaluator: the same ramp]`,
      mode: 'async',
      async setup() {
        const client = await startOpenFeature({ [FLAG]: linearRamp.openfeature() });
        return {
          async run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (await client.getBooleanValue(FLAG, false)) on++;
            return on;
          },
        };
      },
    },
  ],
});
