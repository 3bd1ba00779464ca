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
const FLOOR_TEXT = '[["user_id", "user-104729"]]';

interface Sha1Module {
  sha1Mod100?: (bytes: Uint8Array, length: number) => number;
  sha1PaddedMod100?: (bytes: Uint8Array, blocks: number) => number;
  writeSha1Padding?: (bytes: Uint8Array, length: number) => number;
}

/**
 * The floor's call: flipper's own SHA-1 from the built core (not public API, so loaded by path)
 * on the text padded once, so that a call is the compression and the residue alone. A core
 * without the padded entry point (an older build) hashes the text with its `sha1Mod100`.
 */
async function floorHash(): Promise<() => number> {
  const coreEntry = createRequire(import.meta.url).resolve('@flipper-client/core');
  // The CommonJS entry is dist/cjs/index.js; the ES module beside the others is dist/sha1.js.
  const url = pathToFileURL(join(dirname(coreEntry), '..', 'sha1.js')).href;
  const sha1 = (await import(url)) as Sha1Module;
  const text = new Uint8Array(128);
  const length = new TextEncoder().encodeInto(FLOOR_TEXT, text).written;
  const { sha1PaddedMod100, writeSha1Padding, sha1Mod100 } = sha1;
  if (sha1PaddedMod100 !== undefined && writeSha1Padding !== undefined) {
    const blocks = writeSha1Padding(text, length);
    return () => sha1PaddedMod100(text, blocks);
  }
  if (sha1Mod100 === undefined) throw new Error(`no SHA-1 in ${url}`);
  return () => sha1Mod100(text, length);
}

function allOrNone(trueCount: number, iterations: number): string | undefined {
  return trueCount === 0 || trueCount === iterations ? undefined : 'the same text hashed to different answers';
}

/** The shapes by scenario id, as their scenario files define them (for the callgrind layers). */
const SHAPES = new Map<string, HashShape>();

export function hashShapeOf(scenarioId: string): HashShape | undefined {
  return SHAPES.get(scenarioId);
}

export function hashShapeScenario(shape: HashShape): ThroughputScenario {
  SHAPES.set(shape.id, shape);
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
      call: `SHA-1 mod 100 of a fixed ${FLOOR_TEXT.length}-byte text, padded once  [flipper's SHA-1, nothing else]`,
      mode: 'sync',
      checkAnswers: allOrNone,
      async setup() {
        return (await freshHashShapeLoops()).sha1FloorBench(await floorHash());
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
