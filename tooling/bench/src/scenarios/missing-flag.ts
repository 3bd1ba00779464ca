import { expectNone } from '../answers.js';
import { FLIPPER_LIBRARY, startFlipper } from '../peers/flipper.js';
import { GROWTHBOOK_LIBRARY, startGrowthBook } from '../peers/growthbook.js';
import { LAUNCHDARKLY_LIBRARY, onForEveryone, startLaunchDarkly } from '../peers/launchdarkly.js';
import { OPENFEATURE_LIBRARY, startOpenFeature } from '../peers/openfeature.js';
import { UNLEASH_LIBRARY, startUnleash, unleashToggle } from '../peers/unleash.js';
import { defineScenario } from '../scenario.js';

export const FLAG = 'MISSING';
// Every library holds one other flag, so the lookup runs against a populated store.
const OTHER = 'PRESENT';

export default defineScenario({
  kind: 'throughput',
  id: 'missing',
  title: 'missing flag',
  description: 'A flag that does not exist: every library answers its default (false) without failing.',
  order: 20,
  baseline: 'unleash',
  checkAnswers: expectNone,
  subjects: [
    {
      id: 'flipper-async',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${FLAG}')`,
      mode: 'async',
      async setup() {
        const features = await startFlipper(async (f) => void (await f.create(OTHER, { isEnabled: true })));
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
        const features = await startFlipper(async (f) => void (await f.create(OTHER, { isEnabled: true })));
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
      call: `unleash.isEnabled('${FLAG}')`,
      mode: 'sync',
      async setup() {
        const unleash = await startUnleash([unleashToggle(OTHER, { name: 'default' })]);
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
      call: `gb.isOn('${FLAG}', userContext)`,
      mode: 'sync',
      async setup() {
        const gb = startGrowthBook({ [OTHER]: { defaultValue: true } });
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
      call: `await ld.variation('${FLAG}', context, false)`,
      mode: 'async',
      async setup() {
        const ld = await startLaunchDarkly([onForEveryone(OTHER)]);
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
      call: `await client.getBooleanValue('${FLAG}', false)`,
      mode: 'async',
      async setup() {
        const client = await startOpenFeature({ [OTHER]: { defaultVariant: 'on' } });
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
