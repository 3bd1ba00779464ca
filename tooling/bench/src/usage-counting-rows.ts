import type { Checks, FeatureFlagClient } from '@flipper-client/core';
import { freshHashShapeLoops, freshLoops } from './fresh-loops.js';
import { FLIPPER_LIBRARY, startFlipper } from './peers/flipper.js';
import type { CallMode, Target, ThroughputBench, ThroughputSubject } from './scenario.js';
import { USER_IDS } from './users.js';

/**
 * The usage-counting scenarios' rows: one flag asked the same way by four clients, async and
 * sync, each with counting off (`usage: false`) and on (the default, counting into the memory
 * store's usage capability), so that the cost of counting reads off side by side in one run.
 */

export interface UsageCountingRows {
  readonly flag: string;
  readonly define: (features: FeatureFlagClient) => Promise<void>;
  /** How the rule is printed after the call. */
  readonly note: string;
  /** Each call asks for the next user of the pool (`{ user_id }`) instead of no checks. */
  readonly newUserEachCall: boolean;
}

const MODES: readonly CallMode[] = ['async', 'sync'];

export function rowId(mode: CallMode, counting: boolean): string {
  return `${mode}-counting-${counting ? 'on' : 'off'}`;
}

function callText(mode: CallMode, flag: string, newUser: boolean): string {
  const args = `'${flag}'${newUser ? ', { user_id }' : ''}`;
  return mode === 'async' ? `await features.isEnabled(${args})` : `features.isEnabledSync(${args})`;
}

const userChecks = (index: number): Checks => ({ user_id: USER_IDS[index] });

async function loop(features: FeatureFlagClient, mode: CallMode, rows: UsageCountingRows): Promise<ThroughputBench> {
  if (rows.newUserEachCall) {
    const loops = await freshHashShapeLoops();
    return mode === 'async'
      ? loops.flipperAsyncShapeBench(features, rows.flag, userChecks)
      : loops.flipperSyncShapeBench(features, rows.flag, userChecks);
  }
  const loops = await freshLoops();
  return mode === 'async' ? loops.flipperAsyncBench(features, rows.flag) : loops.flipperSyncBench(features, rows.flag);
}

export function usageCountingRows(rows: UsageCountingRows): ThroughputSubject[] {
  return MODES.flatMap((mode) =>
    [false, true].map(
      (counting): ThroughputSubject => ({
        id: rowId(mode, counting),
        library: `${FLIPPER_LIBRARY}, counting ${counting ? 'on' : 'off'}`,
        call: `${callText(mode, rows.flag, rows.newUserEachCall)}  [${rows.note}; usage: ${counting ? 'default' : 'false'}]`,
        mode,
        async setup() {
          const features = await startFlipper(rows.define, counting ? {} : { usage: false });
          const bench = await loop(features, mode, rows);
          return { run: (iterations) => bench.run(iterations), close: () => features.close() };
        },
      }),
    ),
  );
}

/** The goal: counting costs at most 5% of throughput, async and sync alike. */
export const COUNTING_TARGETS: readonly Target[] = MODES.map((mode) => ({
  subject: rowId(mode, true),
  atLeastTimesBaseline: 0.95,
  of: rowId(mode, false),
  by: 'median',
}));
