import { ConsistentHashPercentageBucketer, Percentage } from '@flipper-client/core';
import { FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import type { ChecksAt } from './hash-shape-loops.js';
import type { HashShape } from './hash-shapes.js';
import type { ThroughputBench } from './scenario.js';
import { USER_MASK } from './users.js';

/**
 * The layers of a hash-shape call, each measured alone so that callgrind's instructions per call
 * can be told apart layer by layer (the differences between rows): `layer-args` builds the
 * checks the way the row does and nothing else; `layer-check` adds the bucketer's `check` (the
 * property read, the text, the padding, SHA-1); `layer-evaluate` the item's compiled evaluator.
 * `flipper-sync` adds the client and the store lookup, `flipper-async` the Promise and `await`;
 * `layer-await` is `layer-args` plus an `await` of a settled Promise, what any async API costs.
 * Only the callgrind driver runs them (`--rows layer-args,layer-check,...`); no table shows them.
 */

export const LAYER_ROWS = ['layer-args', 'layer-await', 'layer-check', 'layer-evaluate'] as const;
export type LayerRow = (typeof LAYER_ROWS)[number];

function bucketerOf(shape: HashShape): ConsistentHashPercentageBucketer {
  return new ConsistentHashPercentageBucketer({ keyWhitelist: [...shape.keyWhitelist], percentage: new Percentage(0.5) });
}

function loop(checksAt: ChecksAt, call: (checks: ReturnType<ChecksAt>) => boolean): ThroughputBench {
  let cursor = 0;
  return {
    run(iterations) {
      let on = 0;
      for (let i = 0; i < iterations; i++) if (call(checksAt(cursor++ & USER_MASK))) on++;
      return on;
    },
  };
}

export function hashLayerBench(shape: HashShape, row: LayerRow): ThroughputBench {
  switch (row) {
    case 'layer-args':
      // Answers true when the checks were built: what the loop costs before flipper is called.
      return loop(shape.checksAt, (checks) => checks !== undefined);
    case 'layer-await': {
      const settled = Promise.resolve(true);
      const checksAt = shape.checksAt;
      let cursor = 0;
      return {
        async run(iterations) {
          let on = 0;
          for (let i = 0; i < iterations; i++) if (checksAt(cursor++ & USER_MASK) !== undefined && (await settled)) on++;
          return on;
        },
      };
    }
    case 'layer-check': {
      const bucketer = bucketerOf(shape);
      return loop(shape.checksAt, (checks) => bucketer.check(checks));
    }
    case 'layer-evaluate': {
      const item = new FeatureFlagStoreItem('HALF_OF_USERS', true, new FeatureFlagMeta({ bucketer: bucketerOf(shape) }));
      return loop(shape.checksAt, (checks) => item.evaluate(checks));
    }
  }
}
