import type { Checks, FeatureFlagClient } from '@flipper-client/core';
import type { Context as UnleashContext, Unleash } from 'unleash-client';
import type { ThroughputBench } from './scenario.js';
import { USER_MASK } from './users.js';

/**
 * The measured loops of the hash-shape scenarios: each call asks for the next user of a pool,
 * with the arguments `at(index)` builds, as the user's code would build them. Import them
 * through `freshHashShapeLoops()`, never directly, so that each row gets loops of its own.
 */

export type ChecksAt = (index: number) => Checks | undefined;
export type UnleashContextAt = (index: number) => UnleashContext;

export function flipperAsyncShapeBench(features: FeatureFlagClient, flag: string, checksAt: ChecksAt): ThroughputBench {
  let cursor = 0;
  return {
    async run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (await features.isEnabled(flag, checksAt(cursor++ & USER_MASK))) on++;
      return on;
    },
  };
}

export function flipperSyncShapeBench(features: FeatureFlagClient, flag: string, checksAt: ChecksAt): ThroughputBench {
  let cursor = 0;
  return {
    run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (features.isEnabledSync(flag, checksAt(cursor++ & USER_MASK))) on++;
      return on;
    },
  };
}

export function unleashShapeBench(unleash: Unleash, flag: string, contextAt: UnleashContextAt): ThroughputBench {
  let cursor = 0;
  return {
    run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (unleash.isEnabled(flag, contextAt(cursor++ & USER_MASK))) on++;
      return on;
    },
    close: () => unleash.destroy(),
  };
}

/** One SHA-1 of the same one-block text per call: what no consistent hash can go below. */
export function sha1FloorBench(hashText: () => number): ThroughputBench {
  return {
    run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (hashText() < 50) on++;
      return on;
    },
  };
}
