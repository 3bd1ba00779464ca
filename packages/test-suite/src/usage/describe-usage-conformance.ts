import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { hasUsageCounts, type FeatureFlagStore, type UsageCounts, type UsageReport } from '@flipper-client/core/store';
import { collect } from '../collect.js';
import { AWKWARD_NAMES } from '../conformance/names.js';

/** What the usage suite gets for one test: a store over an empty namespace. */
export interface UsageConformanceHandle {
  store: FeatureFlagStore & UsageCounts;
  /** Releases what the handle holds (the suite does not close the store). */
  cleanup?: () => Promise<void>;
}

export interface UsageConformanceOptions {
  /** Called before every test; must hand out an empty namespace. */
  createStore: () => Promise<UsageConformanceHandle> | UsageConformanceHandle;
}

const NOON = Date.UTC(2026, 5, 15, 12) / 1000;
const DAY = 86_400;

function report(at: number, flags: UsageReport['flags'], instanceId = 'instance-a'): UsageReport {
  return { instanceId, at, flags };
}

/**
 * Registers the conformance tests of the `UsageCounts` capability: reports add up per UTC day
 * and flag, whatever their order and source; the window and the filter of `readUsage`; last
 * seen; and usage never showing up as a flag.
 */
export function describeUsageConformance(name: string, options: UsageConformanceOptions): void {
  describe(`${name} store usage conformance`, () => {
    let handle: UsageConformanceHandle;
    beforeEach(async () => {
      handle = await options.createStore();
    });
    afterEach(async () => {
      await handle.cleanup?.();
    });

    it('declares the capability', () => {
      expect(hasUsageCounts(handle.store)).toBe(true);
    });

    it('reads back nothing before any report', async () => {
      expect(await handle.store.readUsage({ now: NOON })).toEqual([]);
    });

    it('adds reports up per flag and day, from every instance, in any order', async () => {
      const { store } = handle;
      const reports = Array.from({ length: 12 }, (_, i) =>
        report(NOON + i, [{ featureName: 'A', on: 1, off: 2, default: 3 }, { featureName: 'B', on: i, off: 0, default: 0 }], `instance-${i % 3}`),
      );
      await Promise.all(reports.map((r) => store.addUsage(r)));
      const usage = await store.readUsage({ now: NOON });
      expect(usage.map((flag) => flag.featureName)).toEqual(['A', 'B']);
      expect(usage[0]).toEqual({
        featureName: 'A',
        days: [{ day: '2026-06-15', on: 12, off: 24, default: 36 }],
        total: { on: 12, off: 24, default: 36 },
        lastSeen: NOON + 11,
      });
      expect(usage[1]?.total).toEqual({ on: 66, off: 0, default: 0 });
    });

    it('keeps one window per UTC day, oldest first, and reads the days asked for', async () => {
      const { store } = handle;
      await store.addUsage(report(NOON - 2 * DAY, [{ featureName: 'A', on: 1, off: 0, default: 0 }]));
      await store.addUsage(report(NOON, [{ featureName: 'A', on: 0, off: 5, default: 0 }]));
      // 23:59:59 and 00:00:00 UTC fall in different windows.
      const midnight = Date.UTC(2026, 5, 15) / 1000;
      await store.addUsage(report(midnight - 1, [{ featureName: 'A', on: 0, off: 0, default: 7 }]));
      const [all] = await store.readUsage({ now: NOON, days: 3 });
      expect(all?.days).toEqual([
        { day: '2026-06-13', on: 1, off: 0, default: 0 },
        { day: '2026-06-14', on: 0, off: 0, default: 7 },
        { day: '2026-06-15', on: 0, off: 5, default: 0 },
      ]);
      expect(all?.total).toEqual({ on: 1, off: 5, default: 7 });
      const [today] = await store.readUsage({ now: NOON, days: 1 });
      expect(today?.days).toEqual([{ day: '2026-06-15', on: 0, off: 5, default: 0 }]);
      expect(await store.readUsage({ now: NOON + 30 * DAY, days: 7 })).toEqual([]);
    });

    it('reads one flag when asked, awkward names included', async () => {
      const { store } = handle;
      const names = [...AWKWARD_NAMES, 'on:colon', 'seen:A'];
      await store.addUsage(report(NOON, names.map((featureName, i) => ({ featureName, on: i + 1, off: 0, default: 0 }))));
      for (const [i, featureName] of names.entries()) {
        const usage = await store.readUsage({ now: NOON, featureName });
        expect(usage.map((flag) => [flag.featureName, flag.total.on])).toEqual([[featureName, i + 1]]);
      }
      expect((await store.readUsage({ now: NOON, featureName: 'NEVER' })).length).toBe(0);
    });

    it('never shows usage as a flag', async () => {
      const { store } = handle;
      await store.create('REAL', { isEnabled: true });
      await store.addUsage(report(NOON, [{ featureName: 'REAL', on: 3, off: 0, default: 0 }, { featureName: 'GHOST', on: 0, off: 0, default: 1 }]));
      await store.addUsage(report(Date.now() / 1000, [{ featureName: 'REAL', on: 1, off: 0, default: 0 }]));
      expect((await collect(store.list())).map((item) => item.featureName)).toEqual(['REAL']);
      expect(await store.get('GHOST')).toBeUndefined();
    });

    it('receives what a client counted, on its flush and on close()', async () => {
      const { store } = handle;
      const features = new FeatureFlagClient(store, { usage: { retryDelayMs: 0 } });
      await features.create('ON', { isEnabled: true });
      for (let i = 0; i < 10; i++) await features.isEnabled('ON');
      await features.isEnabled('MISSING');
      await features.flushUsage();
      expect((await store.readUsage()).map((flag) => [flag.featureName, flag.total])).toEqual([
        ['MISSING', { on: 0, off: 0, default: 1 }],
        ['ON', { on: 10, off: 0, default: 0 }],
      ]);
      await features.isEnabled('ON');
      await features.close();
      expect((await store.readUsage({ featureName: 'ON' }))[0]?.total.on).toBe(11);
    });
  });
}
