import { describe, expect, it } from '@jest/globals';
import {
  assessStaleness,
  Condition,
  FeatureFlagClient,
  InvalidArgumentError,
  MemoryFeatureFlagStore,
  PERMANENT_KEY,
  Percentage,
  PercentageBucketer,
  describeStaleReason,
  staleFlags,
  type FlagUsage,
  type JsonObject,
} from '../src/index.js';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem, usageDay } from '../src/store-entry.js';
import { withoutLocalCopy } from './support/failing-store.js';

const DAY = 86_400;
const NOW = Date.UTC(2026, 11, 8, 12) / 1000;

function flag(options: { enabled?: boolean; createdDaysAgo: number; clientData?: JsonObject; rules?: 'condition' | 'bucketer' }): FeatureFlagStoreItem {
  const meta = new FeatureFlagMeta({
    createdDate: NOW - options.createdDaysAgo * DAY,
    clientData: options.clientData ?? {},
    ...(options.rules === 'condition' ? { conditions: [new Condition({ is_admin: true })] } : {}),
    ...(options.rules === 'bucketer' ? { bucketer: new PercentageBucketer({ percentage: new Percentage(0.5) }) } : {}),
  });
  return new FeatureFlagStoreItem('F', options.enabled ?? true, meta);
}

/** Usage with evaluations on each of the given days back from NOW. */
function usage(daysAgo: readonly number[], answer: 'on' | 'off' = 'on'): FlagUsage {
  const days = [...daysAgo]
    .sort((a, b) => b - a)
    .map((back) => ({ day: usageDay(NOW - back * DAY), on: answer === 'on' ? 5 : 0, off: answer === 'off' ? 5 : 0, default: 0 }));
  const total = { on: answer === 'on' ? 5 * days.length : 0, off: answer === 'off' ? 5 * days.length : 0, default: 0 };
  return { featureName: 'F', days, total, lastSeen: days.length === 0 ? undefined : NOW - Math.min(...daysAgo) * DAY };
}

const kinds = (input: Parameters<typeof assessStaleness>[0], days?: number): string[] =>
  assessStaleness(input, { now: NOW, ...(days === undefined ? {} : { days }) }).reasons.map((reason) => reason.kind);

describe('staleness rules', () => {
  it('not evaluated for N days: stale once the last evaluation is older than N days', () => {
    const item = flag({ createdDaysAgo: 90, rules: 'condition' });
    expect(kinds({ item, usage: usage([31]) })).toEqual(['not-evaluated']);
    expect(kinds({ item, usage: usage([29]) })).toEqual([]);
    expect(kinds({ item, usage: usage([8]) }, 7)).toEqual(['not-evaluated']);
    const [reason] = assessStaleness({ item, usage: usage([31]) }, { now: NOW }).reasons;
    expect(reason).toEqual({ kind: 'not-evaluated', days: 30, lastSeen: NOW - 31 * DAY });
    expect(describeStaleReason(reason!)).toMatch(/^not evaluated for 30 days \(last seen 2026-11-07T12:00:00.000Z\)$/);
  });

  it('never evaluated since it was created N days ago; a young flag is not stale yet', () => {
    expect(kinds({ item: flag({ createdDaysAgo: 30, rules: 'bucketer' }) })).toEqual(['never-evaluated']);
    expect(kinds({ item: flag({ createdDaysAgo: 29, rules: 'bucketer' }) })).toEqual([]);
    expect(kinds({ item: flag({ createdDaysAgo: 29, rules: 'bucketer' }), usage: usage([]) })).toEqual([]);
  });

  it('a fixed answer for N days: on or off for everyone, unchanged that long, no other answer given', () => {
    const on = flag({ createdDaysAgo: 40 });
    expect(kinds({ item: on, usage: usage([0, 1, 2]) })).toEqual(['fixed-answer']);
    expect(assessStaleness({ item: on, usage: usage([0]) }, { now: NOW }).reasons).toEqual([{ kind: 'fixed-answer', days: 30, answer: true }]);
    const off = flag({ enabled: false, createdDaysAgo: 40, rules: 'condition' });
    // A disabled flag with conditions answers false to all, but it is not "no conditions".
    expect(kinds({ item: off, usage: usage([0], 'off') })).toEqual([]);
    expect(kinds({ item: flag({ enabled: false, createdDaysAgo: 40 }), usage: usage([0], 'off') })).toEqual(['fixed-answer']);
    // Changed recently (a history says so), or answered otherwise within the window: not fixed for N days.
    expect(kinds({ item: on, usage: usage([0]), lastChanged: NOW - 3 * DAY })).toEqual([]);
    expect(kinds({ item: on, usage: { ...usage([0]), days: [...usage([0]).days, { day: usageDay(NOW - 5 * DAY), on: 0, off: 1, default: 0 }] } })).toEqual([]);
    // Off answers older than the window do not count against it.
    expect(kinds({ item: on, usage: { ...usage([0]), days: [{ day: usageDay(NOW - 33 * DAY), on: 0, off: 1, default: 0 }, ...usage([0]).days] } })).toEqual([
      'fixed-answer',
    ]);
    expect(kinds({ item: flag({ createdDaysAgo: 10 }), usage: usage([0]) })).toEqual([]);
  });

  it('several reasons at once, and none for a permanent flag', () => {
    const old = flag({ createdDaysAgo: 100 });
    expect(kinds({ item: old })).toEqual(['never-evaluated', 'fixed-answer']);
    const permanent = flag({ createdDaysAgo: 100, clientData: { [PERMANENT_KEY]: true } });
    expect(assessStaleness({ item: permanent }, { now: NOW })).toEqual({ featureName: 'F', permanent: true, reasons: [], stale: false });
    // Stored as ordinary client data, the way the Python library reads and writes it.
    expect(encodeDocument(permanent)).toContain('"client_data": {"permanent": true}');
    // Only `true` marks it: a string is ordinary client data.
    expect(assessStaleness({ item: flag({ createdDaysAgo: 100, clientData: { permanent: 'yes' } }) }, { now: NOW }).stale).toBe(true);
  });

  it('judges every flag of a store from its own usage counts', async () => {
    const store = new MemoryFeatureFlagStore();
    const features = new FeatureFlagClient(store, { usage: { clock: () => NOW - 32 * DAY } });
    await store.put(flag({ createdDaysAgo: 60, rules: 'condition' }));
    await store.put(new FeatureFlagStoreItem('KILL_SWITCH', true, new FeatureFlagMeta({ createdDate: NOW - 60 * DAY, clientData: { permanent: true } })));
    await features.isEnabled('F', { is_admin: true });
    await features.close();
    const result = await staleFlags(store, { now: NOW });
    expect(result.map((staleness) => [staleness.featureName, staleness.reasons.map((reason) => reason.kind)])).toEqual([
      ['F', ['not-evaluated']],
      ['KILL_SWITCH', []],
    ]);
    await expect(staleFlags(withoutLocalCopy(store))).rejects.toThrow(InvalidArgumentError);
  });
});
