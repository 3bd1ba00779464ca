import {
  LinearRampPercentage,
  Percentage,
  PercentageBucketer,
  type FeatureFlagClient,
  type PercentageSource,
} from '@flipper-client/core';
import type { EvaluationContext } from '@openfeature/server-sdk';
import { expectShare } from '../answers.js';
import { GROWTHBOOK_LIBRARY } from '../peers/growthbook.js';
import { LAUNCHDARKLY_LIBRARY } from '../peers/launchdarkly.js';
import type { OpenFeatureFlag } from '../peers/openfeature.js';
import { UNLEASH_LIBRARY } from '../peers/unleash.js';
import { defineScenario } from '../scenario.js';
import { flipperRow, peerRows } from '../standard-rows.js';

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
const RAMP_NOTE = 'PercentageBucketer(LinearRampPercentage)';

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
    flipperRow(FLAG, 'async', { define: linearRamp.flipper, note: RAMP_NOTE }),
    flipperRow(FLAG, 'sync', { define: linearRamp.flipper, note: RAMP_NOTE }),
    flipperRow(FLAG, 'async', {
      id: 'flipper-constant',
      define: linearRamp.flipperConstant,
      note: 'PercentageBucketer(Percentage(0.5)), no ramp',
    }),
    ...peerRows(FLAG, {
      // A function: the ramp starts from the moment the row is set up, as flipper's does.
      openfeature: { flags: () => ({ [FLAG]: linearRamp.openfeature() }), note: 'contextEvaluator: the same ramp' },
    }),
  ],
});
