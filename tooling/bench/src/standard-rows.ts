import type { Checks, FeatureFlagClient } from '@flipper-client/core';
import type { FeatureDefinition } from '@growthbook/growthbook';
import type { EvaluationContext } from '@openfeature/server-sdk';
import type { Context as UnleashContext } from 'unleash-client';
import { freshLoops } from './fresh-loops.js';
import { FLIPPER_LIBRARY, startFlipper } from './peers/flipper.js';
import { GROWTHBOOK_LIBRARY, startGrowthBook } from './peers/growthbook.js';
import { LAUNCHDARKLY_LIBRARY, startLaunchDarkly, type LaunchDarklyFlagSource } from './peers/launchdarkly.js';
import { OPENFEATURE_LIBRARY, startOpenFeature, type OpenFeatureFlag } from './peers/openfeature.js';
import { UNLEASH_LIBRARY, startUnleash, type UnleashFeature } from './peers/unleash.js';
import type { CallMode, ThroughputSubject } from './scenario.js';

/**
 * The rows most throughput scenarios share: flipper async, flipper sync, then each peer, every
 * one asking one flag with the same arguments on every call. A scenario describes only what
 * differs (the flags each library holds, the context it is asked with, the note printed after
 * the call); a peer it leaves out gets no row.
 */

export interface FlipperRows {
  readonly define: (features: FeatureFlagClient) => Promise<void>;
  readonly checks?: Checks;
  readonly note?: string;
}

export interface PeerRows {
  readonly unleash?: { readonly features: readonly UnleashFeature[]; readonly context?: UnleashContext; readonly note?: string };
  readonly growthbook?: {
    readonly features: Record<string, FeatureDefinition>;
    readonly attributes?: Record<string, unknown>;
    readonly note?: string;
  };
  readonly launchdarkly?: {
    readonly flags: readonly LaunchDarklyFlagSource[];
    /** Added to the user context beside its key. */
    readonly attributes?: Record<string, unknown>;
    readonly note?: string;
  };
  readonly openfeature?: {
    /** A function when the flags depend on the moment the row is set up (e.g. a ramp's start). */
    readonly flags: Record<string, OpenFeatureFlag> | (() => Record<string, OpenFeatureFlag>);
    readonly context?: EvaluationContext;
    readonly note?: string;
  };
}

export interface StandardRows extends PeerRows {
  /** The flag every row asks for. */
  readonly flag: string;
  readonly flipper: FlipperRows;
}

/** The call as printed: what a user writes, then the rule's encoding in brackets. */
function call(text: string, note: string | undefined): string {
  return note === undefined ? text : `${text}  [${note}]`;
}

/** How a flipper row's call is printed, for rows that build their client themselves. */
export function flipperCall(mode: CallMode, flag: string, options: { checks?: boolean; note?: string } = {}): string {
  const args = `'${flag}'${options.checks === true ? ', checks' : ''}`;
  return call(mode === 'async' ? `await features.isEnabled(${args})` : `features.isEnabledSync(${args})`, options.note);
}

/** One flipper row on a memory store; `id` defaults to `flipper-<mode>`. */
export function flipperRow(flag: string, mode: CallMode, flipper: FlipperRows & { readonly id?: string }): ThroughputSubject {
  const { define, checks, note } = flipper;
  return {
    id: flipper.id ?? `flipper-${mode}`,
    library: FLIPPER_LIBRARY,
    call: flipperCall(mode, flag, { checks: checks !== undefined, note }),
    mode,
    async setup() {
      const features = await startFlipper(define);
      const loops = await freshLoops();
      return mode === 'async' ? loops.flipperAsyncBench(features, flag, checks) : loops.flipperSyncBench(features, flag, checks);
    },
  };
}

export function peerRows(flag: string, peers: PeerRows): ThroughputSubject[] {
  const { unleash, growthbook, launchdarkly, openfeature } = peers;
  const rows: ThroughputSubject[] = [];
  if (unleash !== undefined) {
    rows.push({
      id: 'unleash',
      library: UNLEASH_LIBRARY,
      call: call(`unleash.isEnabled('${flag}'${unleash.context === undefined ? '' : ', context'})`, unleash.note),
      mode: 'sync',
      setup: async () => (await freshLoops()).unleashBench(await startUnleash(unleash.features), flag, unleash.context),
    });
  }
  if (growthbook !== undefined) {
    rows.push({
      id: 'growthbook',
      library: GROWTHBOOK_LIBRARY,
      call: call(`gb.isOn('${flag}', userContext)`, growthbook.note),
      mode: 'sync',
      async setup() {
        const gb = startGrowthBook(growthbook.features);
        return (await freshLoops()).growthBookBench(gb, flag, { attributes: growthbook.attributes ?? {} });
      },
    });
  }
  if (launchdarkly !== undefined) {
    rows.push({
      id: 'launchdarkly',
      library: LAUNCHDARKLY_LIBRARY,
      call: call(`await ld.variation('${flag}', context, false)`, launchdarkly.note),
      mode: 'async',
      async setup() {
        const ld = await startLaunchDarkly(launchdarkly.flags);
        return (await freshLoops()).launchDarklyBench(ld, flag, { kind: 'user', key: 'bench-user', ...launchdarkly.attributes });
      },
    });
  }
  if (openfeature !== undefined) {
    rows.push({
      id: 'openfeature',
      library: OPENFEATURE_LIBRARY,
      call: call(`await client.getBooleanValue('${flag}', false${openfeature.context === undefined ? '' : ', context'})`, openfeature.note),
      mode: 'async',
      async setup() {
        const flags = typeof openfeature.flags === 'function' ? openfeature.flags() : openfeature.flags;
        return (await freshLoops()).openFeatureBench(await startOpenFeature(flags), flag, openfeature.context);
      },
    });
  }
  return rows;
}

/** flipper async, flipper sync, then the peers the description names, in that order. */
export function standardRows(description: StandardRows): ThroughputSubject[] {
  const { flag, flipper } = description;
  return [flipperRow(flag, 'async', flipper), flipperRow(flag, 'sync', flipper), ...peerRows(flag, description)];
}
