import type { Checks, FeatureFlagClient } from '@flipper-client/core';
import type { GrowthBookClient, UserContext } from '@growthbook/growthbook';
import type { LDClient, LDContext } from '@launchdarkly/node-server-sdk';
import type { Client, EvaluationContext } from '@openfeature/server-sdk';
import type { Context as UnleashContext, Unleash } from 'unleash-client';
import type { ThroughputBench } from './scenario.js';

/**
 * The measured loops of the rows whose arguments stay the same on every call, one per library
 * and call. Import them through `freshLoops()`, never directly: it loads this module anew for
 * each row, so no two rows share a loop function or its inline caches and JIT history.
 */

export function flipperAsyncBench(features: FeatureFlagClient, flag: string, checks?: Checks): ThroughputBench {
  return {
    async run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (await features.isEnabled(flag, checks)) on++;
      return on;
    },
  };
}

export function flipperSyncBench(features: FeatureFlagClient, flag: string, checks?: Checks): ThroughputBench {
  return {
    run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (features.isEnabledSync(flag, checks)) on++;
      return on;
    },
  };
}

export function unleashBench(unleash: Unleash, flag: string, context?: UnleashContext): ThroughputBench {
  return {
    run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (unleash.isEnabled(flag, context)) on++;
      return on;
    },
    close: () => unleash.destroy(),
  };
}

export function growthBookBench(gb: GrowthBookClient, flag: string, userContext: UserContext): ThroughputBench {
  return {
    run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (gb.isOn(flag, userContext)) on++;
      return on;
    },
    close: () => gb.destroy(),
  };
}

export function launchDarklyBench(ld: LDClient, flag: string, context: LDContext): ThroughputBench {
  return {
    async run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if ((await ld.variation(flag, context, false)) === true) on++;
      return on;
    },
    close: () => ld.close(),
  };
}

export function openFeatureBench(client: Client, flag: string, context?: EvaluationContext): ThroughputBench {
  return {
    async run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (await client.getBooleanValue(flag, false, context)) on++;
      return on;
    },
  };
}
