import type { FeatureDefinition } from '@growthbook/growthbook';
import { FLIPPER_LIBRARY, startFlipper } from '../peers/flipper.js';
import { GROWTHBOOK_LIBRARY, startGrowthBook } from '../peers/growthbook.js';
import { LAUNCHDARKLY_LIBRARY, preconfigured, startLaunchDarkly } from '../peers/launchdarkly.js';
import { OPENFEATURE_LIBRARY, startOpenFeature, type OpenFeatureFlag } from '../peers/openfeature.js';
import { UNLEASH_LIBRARY, startUnleash, unleashToggle } from '../peers/unleash.js';
import { defineScenario } from '../scenario.js';

/**
 * Heap per flag with many plain enabled flags held by each library, as its application would
 * hold them. Runs in child processes (see memory-child.ts), one per library.
 */
export default defineScenario({
  kind: 'memory',
  id: 'memory',
  title: 'memory per flag',
  description:
    'Heap bytes per flag with 100,000 plain enabled flags in each library (fixed costs of one client included, spread over the flags).',
  order: 60,
  baseline: 'unleash',
  flagCount: 100_000,
  quickFlagCount: 20_000,
  subjects: [
    {
      id: 'flipper',
      library: FLIPPER_LIBRARY,
      call: 'await features.create(name, { isEnabled: true })',
      populate: (names) =>
        startFlipper(async (features) => {
          for (const name of names) await features.create(name, { isEnabled: true });
        }),
    },
    {
      id: 'unleash',
      library: UNLEASH_LIBRARY,
      call: 'bootstrap data, one default strategy each',
      populate: (names) => startUnleash(names.map((name) => unleashToggle(name, { name: 'default' }))),
    },
    {
      id: 'growthbook',
      library: GROWTHBOOK_LIBRARY,
      call: 'initSync payload, { defaultValue: true } each',
      populate: (names) => {
        const features: Record<string, FeatureDefinition> = {};
        for (const name of names) features[name] = { defaultValue: true };
        return Promise.resolve(startGrowthBook(features));
      },
    },
    {
      id: 'launchdarkly',
      library: LAUNCHDARKLY_LIBRARY,
      call: 'TestData.usePreconfiguredFlag, on for all (TestData keeps its own table too)',
      populate: (names) =>
        startLaunchDarkly(
          names.map((key) =>
            preconfigured({ key, on: true, variations: [true, false], offVariation: 1, fallthrough: { variation: 0 } }),
          ),
        ),
    },
    {
      id: 'openfeature',
      library: OPENFEATURE_LIBRARY,
      call: "InMemoryProvider, { defaultVariant: 'on' } each",
      populate: (names) => {
        const flags: Record<string, OpenFeatureFlag> = {};
        for (const name of names) flags[name] = { defaultVariant: 'on' };
        return startOpenFeature(flags);
      },
    },
  ],
});
