import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConsistentHashPercentageBucketer, Percentage, type FeatureFlagClient } from '@flipper-client/core';
import { expectShare } from './answers.js';
import { freshHashShapeLoops } from './fresh-loops.js';
import type { ChecksAt, UnleashContextAt } from './hash-shape-loops.js';
import { FLIPPER_LIBRARY, startFlipper } from './peers/flipper.js';
import { UNLEASH_LIBRARY, startUnleash, unleashToggle } from './peers/unleash.js';
import { defineScenario, type ThroughputScenario, type ThroughputSubject } from './scenario.js';

/**
 * The consistent-hash scenarios by shape of the checks (string ids, several keys, wide checks
 * objects, calls without the key): flipper's 50% consistent hash beside Unleash's sticky
 * `flexibleRollout` on the same ids, and a floor row, one SHA-1 compression per call, that no
 * consistent hash can beat. Each shape describes only its ids and how each library is asked.
 */

export const SHAPE_FLAG = 'HALF_OF_USERS';
export const SHAPE_TARGET = 2.5;

export type Share = readonly [low: number, high: number];

export interface HashShape {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly order: number;
  readonly keyWhitelist: readonly string[];
  /** The checks of the call, as printed, e.g. `{ user_id }`. */
  readonly checksText: string;
  readonly checksAt: ChecksAt;
  /** The share of calls flipper answers true for; default 45-55%. */
  readonly flipperShare?: Share;
  readonly unleash: {
    readonly stickiness: string;
    readonly contextText: string;
    readonly contextAt: UnleashContextAt;
    readonly share?: Share;
  };
}

const HALF: Share = [0.45, 0.55];

/** The text the floor row hashes: one 64-byte block, as a short `user_id` text is. */
const FLOOR_TEXT = new TextEncoder().encode('[["user_id", "user-104729"]]');

/** flipper's own SHA-1 from the built core: not part of its public API, so loaded by path. */
async function loadSha1(): Promise<(bytes: Uint8Array, length: number) => number> {
  const coreEntry = createRequire(import.meta.url).resolve('@flipper-client/core');
  // The CommonJS entry is dist/cjs/index.js; the ES module beside the others is dist/sha1.js.
  const url = pathToFileURL(join(dirname(coreEntry), '..', 'sha1.js')).href;
  const module = (await import(url)) as { sha1Mod100?: (bytes: Uint8Array, length: number) => number };
  if (typeof module.sha1Mod100 !== 'function') throw new Error(`no sha1Mod100 in ${url}`);
  return module.sha1Mod100;
}

function allOrNone(trueCount: number, iterations: number): string | undefined {
  return trueCount === 0 || trueCount === iterations ? undefined : 'the same text hashed to different answers';
}

export function hashShapeScenario(shape: HashShape): ThroughputScenario {
  const define = async (features: FeatureFlagClient): Promise<void> => {
    await features.create(SHAPE_FLAG, { isEnabled: true });
    await features.setBucketer(
      SHAPE_FLAG,
      new ConsistentHashPercentageBucketer({ keyWhitelist: [...shape.keyWhitelist], percentage: new Percentage(0.5) }),
    );
  };
  const whitelist = shape.keyWhitelist.map((key) => `'${key}'`).join(', ');
  const flipperCheck = expectShare(...(shape.flipperShare ?? HALF));
  const subjects: ThroughputSubject[] = [
    {
      id: 'flipper-async',
      library: FLIPPER_LIBRARY,
      call: `await features.isEnabled('${SHAPE_FLAG}', ${shape.checksText})  [consistent hash 50%, keyWhitelist [${whitelist}]]`,
      mode: 'async',
      checkAnswers: flipperCheck,
      async setup() {
        const features = await startFlipper(define);
        return (await freshHashShapeLoops()).flipperAsyncShapeBench(features, SHAPE_FLAG, shape.checksAt);
      },
    },
    {
      id: 'flipper-sync',
      library: FLIPPER_LIBRARY,
      call: `features.isEnabledSync('${SHAPE_FLAG}', ${shape.checksText})`,
      mode: 'sync',
      checkAnswers: flipperCheck,
      async setup() {
        const features = await startFlipper(define);
        return (await freshHashShapeLoops()).flipperSyncShapeBench(features, SHAPE_FLAG, shape.checksAt);
      },
    },
    {
      id: 'unleash',
      library: UNLEASH_LIBRARY,
      call: `unleash.isEnabled('${SHAPE_FLAG}', ${shape.unleash.contextText})  [flexibleRollout 50, ${shape.unleash.stickiness} stickiness]`,
      mode: 'sync',
      checkAnswers: expectShare(...(shape.unleash.share ?? HALF)),
      async setup() {
        const unleash = await startUnleash([
          unleashToggle(SHAPE_FLAG, {
            name: 'flexibleRollout',
            parameters: { rollout: '50', stickiness: shape.unleash.stickiness, groupId: SHAPE_FLAG },
          }),
        ]);
        return (await freshHashShapeLoops()).unleashShapeBench(unleash, SHAPE_FLAG, shape.unleash.contextAt);
      },
    },
    {
      id: 'floor',
      library: 'floor: one SHA-1 block',
      call: `sha1Mod100(text) of a fixed ${FLOOR_TEXT.length}-byte text  [flipper's SHA-1, nothing else]`,
      mode: 'sync',
      checkAnswers: allOrNone,
      async setup() {
        return (await freshHashShapeLoops()).sha1FloorBench(await loadSha1(), FLOOR_TEXT);
      },
    },
  ];
  return defineScenario({
    kind: 'throughput',
    id: shape.id,
    title: shape.title,
    description: shape.description,
    order: shape.order,
    baseline: 'unleash',
    floor: 'floor',
    checkAnswers: expectShare(...HALF),
    targets: [
      { subject: 'flipper-async', atLeastTimesBaseline: SHAPE_TARGET, by: 'median' },
      { subject: 'flipper-sync', atLeastTimesBaseline: SHAPE_TARGET, by: 'median' },
    ],
    subjects,
  });
}
