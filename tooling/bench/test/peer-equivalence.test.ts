import { afterAll, describe, expect, it } from '@jest/globals';
import { NetworkGuard } from '../src/network-guard.js';
import { startFlipper } from '../src/peers/flipper.js';
import { startGrowthBook } from '../src/peers/growthbook.js';
import { preconfigured, startLaunchDarkly } from '../src/peers/launchdarkly.js';
import { startOpenFeature } from '../src/peers/openfeature.js';
import { startUnleash } from '../src/peers/unleash.js';
import { createRunContext } from '../src/run-context.js';
import type { ThroughputScenario } from '../src/scenario.js';
import consistentHash, { FLAG as HASHED, halfOfUsers } from '../src/scenarios/consistent-hash.js';
import hashEmail from '../src/scenarios/hash-email.js';
import hashSomeMissing from '../src/scenarios/hash-some-missing.js';
import hashTwoKeys from '../src/scenarios/hash-two-keys.js';
import hashUuid from '../src/scenarios/hash-uuid.js';
import hashWideChecks from '../src/scenarios/hash-wide-checks.js';
import linearRamp, { FLAG as RAMP, linearRamp as ramp } from '../src/scenarios/linear-ramp.js';
import missingFlag from '../src/scenarios/missing-flag.js';
import plainFlag from '../src/scenarios/plain-flag.js';
import twoConditions, { FLAG as TWO_CONDITIONS, twoConditions as rule } from '../src/scenarios/two-conditions.js';

// The bench compares libraries only where they encode the same rule. These tests hold each
// library's encoding to the rule beyond the answers the bench measures, so that a definition
// that is fast because it ignores part of the rule cannot slip in.

const guard = new NetworkGuard();
afterAll(() => {
  guard.dispose();
});

describe('two conditions: on for administrators aged 18 or more', () => {
  const cases = [
    { is_administrator: true, age: 30, expected: true },
    { is_administrator: true, age: 18, expected: true },
    { is_administrator: true, age: 17, expected: false },
    { is_administrator: false, age: 30, expected: false },
  ];

  it.each(cases)('every library answers $expected for admin=$is_administrator, age=$age', async ({ expected, ...checks }) => {
    const features = await startFlipper(rule.flipper);
    const unleash = await startUnleash([rule.unleash]);
    const growthbook = startGrowthBook({ [TWO_CONDITIONS]: rule.growthbook });
    const launchdarkly = await startLaunchDarkly([preconfigured(rule.launchdarkly)]);
    const openfeature = await startOpenFeature({ [TWO_CONDITIONS]: rule.openfeature });
    try {
      const answers = {
        flipper: await features.isEnabled(TWO_CONDITIONS, checks),
        unleash: unleash.isEnabled(TWO_CONDITIONS, {
          properties: { is_administrator: String(checks.is_administrator), age: String(checks.age) },
        }),
        growthbook: growthbook.isOn(TWO_CONDITIONS, { attributes: checks }),
        launchdarkly: await launchdarkly.variation(TWO_CONDITIONS, { kind: 'user', key: 'u', ...checks }, false),
        openfeature: await openfeature.getBooleanValue(TWO_CONDITIONS, false, checks),
      };
      expect(answers).toEqual({ flipper: expected, unleash: expected, growthbook: expected, launchdarkly: expected, openfeature: expected });
    } finally {
      unleash.destroy();
      growthbook.destroy();
      launchdarkly.close();
    }
  });
});

describe('50% consistent hash by user id', () => {
  const users = Array.from({ length: 4000 }, (_, i) => `someone-${i}`);

  it('every library turns on about half of the users, and always the same half', async () => {
    const features = await startFlipper(halfOfUsers.flipper);
    const unleash = await startUnleash([halfOfUsers.unleash]);
    const growthbook = startGrowthBook({ [HASHED]: halfOfUsers.growthbook });
    const launchdarkly = await startLaunchDarkly([preconfigured(halfOfUsers.launchdarkly)]);
    const openfeature = await startOpenFeature({ [HASHED]: halfOfUsers.openfeature });
    const ask: Record<string, (user: string) => Promise<boolean> | boolean> = {
      flipper: (user) => features.isEnabled(HASHED, { user_id: user }),
      unleash: (user) => unleash.isEnabled(HASHED, { userId: user }),
      growthbook: (user) => growthbook.isOn(HASHED, { attributes: { id: user } }),
      launchdarkly: async (user) => (await launchdarkly.variation(HASHED, { kind: 'user', key: user }, false)) === true,
      openfeature: (user) => openfeature.getBooleanValue(HASHED, false, { targetingKey: user }),
    };
    try {
      for (const [library, answer] of Object.entries(ask)) {
        const first = await Promise.all(users.map(async (user) => answer(user)));
        const again = await Promise.all(users.map(async (user) => answer(user)));
        const share = first.filter(Boolean).length / users.length;
        expect({ library, sticky: again.every((value, i) => value === first[i]) }).toEqual({ library, sticky: true });
        expect({ library, share: share > 0.45 && share < 0.55 }).toEqual({ library, share: true });
      }
    } finally {
      unleash.destroy();
      growthbook.destroy();
      launchdarkly.close();
    }
  });
});

describe('linear ramp', () => {
  it('flipper and the OpenFeature evaluator both stand near 50% during the run', async () => {
    const features = await startFlipper(ramp.flipper);
    const openfeature = await startOpenFeature({ [RAMP]: ramp.openfeature() });
    let flipperOn = 0;
    let openfeatureOn = 0;
    for (let i = 0; i < 4000; i++) {
      if (await features.isEnabled(RAMP)) flipperOn++;
      if (await openfeature.getBooleanValue(RAMP, false)) openfeatureOn++;
    }
    expect(flipperOn / 4000).toBeGreaterThan(0.45);
    expect(flipperOn / 4000).toBeLessThan(0.56);
    expect(openfeatureOn / 4000).toBeGreaterThan(0.45);
    expect(openfeatureOn / 4000).toBeLessThan(0.56);
  });
});

describe('every row of the in-process scenarios', () => {
  const context = createRunContext({ quick: true });
  const scenarios: ThroughputScenario[] = [
    plainFlag,
    missingFlag,
    twoConditions,
    consistentHash,
    hashUuid,
    hashEmail,
    hashTwoKeys,
    hashWideChecks,
    hashSomeMissing,
    linearRamp,
  ];
  const rows = scenarios.flatMap((scenario) => scenario.subjects.map((subject) => [scenario.id, subject.id, scenario, subject] as const));

  it.each(rows)('%s / %s answers as its scenario expects', async (_scenarioId, _subjectId, scenario, subject) => {
    const bench = await subject.setup(context);
    try {
      const calls = 10_000;
      expect((subject.checkAnswers ?? scenario.checkAnswers)(await bench.run(calls), calls)).toBeUndefined();
    } finally {
      await bench.close?.();
    }
  });

  it('opened no network connection in any library of this file', () => {
    expect(guard.count).toBe(0);
  });
});
