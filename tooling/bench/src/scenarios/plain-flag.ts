import { expectAll } from '../answers.js';
import { FLIPPER_LIBRARY, startFlipper } from '../peers/flipper.js';
import { GROWTHBOOK_LIBRARY, startGrowthBook } from '../peers/growthbook.js';
import { LAUNCHDARKLY_LIBRARY, onForEveryone, startLaunchDarkly } from '../peers/launchdarkly.js';
import { OPENFEATURE_LIBRARY, startOpenFeature } from '../peers/openfeature.js';
import { UNLEASH_LIBRARY, startUnleash, unleashToggle } from '../peers/unleash.js';
import { PYTHON_PLAIN } from '../references.js';
import { defineScenario } from '../scenario.js';

export const FLAG = 'PLAIN';

export default defineScenario({
  kind: 'throughput',
  id: 'plain',
  title: 'plain enabled flag',
  description: 'A flag that is on for everyone, asked without checks: the cost of a lookup and the call itself.',
  order: 10,
  baseline: 'unleash',
  checkAnswers: expectAll,
  targets: [{ subject: 'flipper-async', atLeastTimesBaseline: 1 }],
  references: [PYTHON_PLAIN],
  subjects: [
    {
      id: 'flipper-async',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${FLAG}')`,
      mode: 'async',
      async setup() {
        const features = await startFlipper(async (f) => void (await f.create(FLAG, { isEnabled: true })));
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
      call: `features.isEnabledSync('${FLAG}')`,
      mode: 'sync',
      async setup() {
        const features = await startFlipper(async (f) => void (await f.create(FLAG, { isEnabled: true })));
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
      id: 'unleash',
      library: UNLEASH_LIBRARY,
      call: `unleash.isEnabled('${FLAG}')  [default strategy]`,
      mode: 'sync',
      async setup() {
        const unleash = await startUnleash([unleashToggle(FLAG, { name: 'default' })]);
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (unleash.isEnabled(FLAG)) on++;
            return on;
          },
          close: () => unleash.destroy(),
        };
      },
    },
    {
      id: 'growthbook',
      library: GROWTHBOOK_LIBRARY,
      call: `gb.isOn('${FLAG}', userContext)  [defaultValue: true]`,
      mode: 'sync',
      async setup() {
        const gb = startGrowthBook({ [FLAG]: { defaultValue: true } });
        const userContext = { attributes: {} };
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
      call: `await ld.variation('${FLAG}', context, false)  [variationForAll(true)]`,
      mode: 'async',
      async setup() {
        const ld = await startLaunchDarkly([onForEveryone(FLAG)]);
        const context = { kind: 'user', key: 'bench-user' };
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
      call: `await client.getBooleanValue('${FLAG}', false)  [InMemoryProvider]`,
      mode: 'async',
      async setup() {
        const client = await startOpenFeature({ [FLAG]: { defaultVariant: 'on' } });
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
