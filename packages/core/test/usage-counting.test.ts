import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  InvalidArgumentError,
  MemoryFeatureFlagStore,
  Percentage,
  StoreError,
  type UsageCounts,
} from '../src/index.js';
import { MAX_COUNTED_FLAGS, UsageCounter } from '../src/usage-counter.js';
import { listen } from './support/error-events.js';
import { storeDown, withoutLocalCopy } from './support/failing-store.js';
import { FailingReadsStore, FlakyUsageStore, manualClock } from './support/usage-stores.js';

const DAY_ONE = Date.UTC(2026, 11, 7, 12) / 1000;

describe('usage counting in the client', () => {
  it('counts on, off and default answers of isEnabled and isEnabledSync, and flushes them to the store', async () => {
    const store = new MemoryFeatureFlagStore();
    const clock = manualClock(DAY_ONE);
    const features = new FeatureFlagClient(store, { usage: { clock: clock.now, retryDelayMs: 0 } });
    await features.create('ON', { isEnabled: true });
    await features.create('OFF');
    await features.create('ADMINS', { isEnabled: true });
    await features.addCondition('ADMINS', new Condition({ is_admin: true }));

    for (let i = 0; i < 5; i++) await features.isEnabled('ON');
    for (let i = 0; i < 3; i++) features.isEnabledSync('OFF');
    await features.isEnabled('ADMINS', { is_admin: true });
    features.isEnabledSync('ADMINS', { is_admin: false });
    await features.isEnabled('MISSING', undefined, { default: true });
    features.isEnabledSync('MISSING');
    await features.get('ON').isEnabled();

    expect(await store.readUsage({ now: DAY_ONE })).toEqual([]);
    clock.advance(30);
    await features.flushUsage();
    const usage = await store.readUsage({ now: DAY_ONE });
    const day = '2026-12-07';
    const at = DAY_ONE + 30;
    expect(usage).toEqual([
      { featureName: 'ADMINS', days: [{ day, on: 1, off: 1, default: 0 }], total: { on: 1, off: 1, default: 0 }, lastSeen: at },
      { featureName: 'MISSING', days: [{ day, on: 0, off: 0, default: 2 }], total: { on: 0, off: 0, default: 2 }, lastSeen: at },
      { featureName: 'OFF', days: [{ day, on: 0, off: 3, default: 0 }], total: { on: 0, off: 3, default: 0 }, lastSeen: at },
      { featureName: 'ON', days: [{ day, on: 6, off: 0, default: 0 }], total: { on: 6, off: 0, default: 0 }, lastSeen: at },
    ]);

    // A second flush sends only what came after the first, into the next day's window.
    clock.advance(86_400);
    await features.isEnabled('ON');
    await features.flushUsage();
    const [on] = await store.readUsage({ featureName: 'ON', now: clock.now() });
    expect(on?.days).toEqual([
      { day, on: 6, off: 0, default: 0 },
      { day: '2026-12-08', on: 1, off: 0, default: 0 },
    ]);
    expect(on?.total.on).toBe(7);
    expect(on?.lastSeen).toBe(clock.now());
  });

  it('counts a failing store and checks that cannot be evaluated as default answers', async () => {
    const store = new FailingReadsStore();
    const features = new FeatureFlagClient(store, { usage: { retryDelayMs: 0 } });
    await features.create('HASHED', { isEnabled: true });
    await features.setBucketer('HASHED', new ConsistentHashPercentageBucketer({ percentage: new Percentage(0.5) }));
    const errors = listen(features);

    await expect(features.isEnabled('HASHED', { user: () => 1 })).resolves.toBe(false);
    expect(features.isEnabledSync('HASHED', { user: Symbol('x') }, { default: true })).toBe(true);
    store.failure = storeDown();
    await expect(features.isEnabled('HASHED')).resolves.toBe(false);
    expect(features.isEnabledSync('HASHED', {}, { default: true })).toBe(true);
    store.failure = undefined;
    await features.flushUsage();
    expect(errors.map((event) => event.error.code)).toEqual(['EVALUATION_FAILED', 'EVALUATION_FAILED', 'STORE_FAILURE', 'STORE_FAILURE']);
    expect((await store.readUsage())[0]?.total).toEqual({ on: 0, off: 0, default: 4 });
  });

  it('counts the asynchronous path of a store without a local copy', async () => {
    const store = new FlakyUsageStore();
    const remote = withoutLocalCopy(store);
    const usage: UsageCounts = { addUsage: (report) => store.addUsage(report), readUsage: (query) => store.readUsage(query) };
    const features = new FeatureFlagClient({ ...remote, ...usage });
    await features.create('ON', { isEnabled: true });
    await features.isEnabled('ON');
    await features.isEnabled('NOPE');
    await features.close();
    expect((await store.readUsage()).map((usage) => usage.total)).toEqual([
      { on: 0, off: 0, default: 1 },
      { on: 1, off: 0, default: 0 },
    ]);
  });

  it('counts nothing when switched off', async () => {
    const store = new MemoryFeatureFlagStore();
    for (const usage of [false, { enabled: false }] as const) {
      const features = new FeatureFlagClient(store, { usage });
      await features.create('ON', { isEnabled: true });
      await features.isEnabled('ON');
      features.isEnabledSync('ON');
      await features.flushUsage();
      await features.close();
    }
    expect(await store.readUsage()).toEqual([]);
  });

  it('flushes on close(), and counts nothing after it', async () => {
    const store = new MemoryFeatureFlagStore();
    const features = new FeatureFlagClient(store);
    await features.create('ON', { isEnabled: true });
    for (let i = 0; i < 4; i++) await features.isEnabled('ON');
    await features.close();
    await features.isEnabled('ON');
    await features.flushUsage();
    expect((await store.readUsage())[0]?.total.on).toBe(4);
  });

  it('retries a failed flush once, and the application sees only error events', async () => {
    const store = new FlakyUsageStore();
    const features = new FeatureFlagClient(store, { usage: { retryDelayMs: 0 } });
    const errors = listen(features);
    await features.create('ON', { isEnabled: true });
    await features.isEnabled('ON');
    store.failures = 1;
    await expect(features.flushUsage()).resolves.toBeUndefined();
    expect(store.attempts).toBe(2);
    expect((await store.readUsage())[0]?.total.on).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error).toBeInstanceOf(StoreError);
  });

  it('drops a report that fails twice, then carries on with the next interval', async () => {
    const store = new FlakyUsageStore();
    const features = new FeatureFlagClient(store, { usage: { retryDelayMs: 0 } });
    const errors = listen(features);
    await features.create('ON', { isEnabled: true });
    await features.isEnabled('ON');
    store.failures = 2;
    await expect(features.flushUsage()).resolves.toBeUndefined();
    expect(errors.map((event) => event.error.message)).toEqual([
      expect.stringContaining('connection refused'),
      expect.stringContaining('dropped after one retry'),
    ]);
    expect(await store.readUsage()).toEqual([]);
    await features.isEnabled('ON');
    await features.isEnabled('ON');
    await features.close();
    expect((await store.readUsage())[0]?.total.on).toBe(2);
  });

  it('rejects bad options before the client starts', () => {
    const store = new MemoryFeatureFlagStore();
    const bad = [{ flushIntervalMs: 0 }, { retryDelayMs: -1 }, { instanceId: '' }, { enabled: 'yes' }, { meter: {} }];
    for (const usage of bad) {
      expect(() => new FeatureFlagClient(store, { usage: usage as never })).toThrow(InvalidArgumentError);
    }
  });
});

describe('UsageCounter', () => {
  it('hands out counts once, and forgets flags idle for a whole interval', () => {
    const counter = new UsageCounter();
    counter.answered('A', true);
    counter.answered('A', false);
    counter.defaulted('B', false);
    expect(counter.take()).toEqual([
      { featureName: 'A', on: 1, off: 1, default: 0 },
      { featureName: 'B', on: 0, off: 0, default: 1 },
    ]);
    expect(counter.take()).toEqual([]);
    counter.answered('A', true);
    expect(counter.take()).toEqual([{ featureName: 'A', on: 1, off: 0, default: 0 }]);
  });

  it('stops taking new names past its bound, and keeps counting the ones it has', () => {
    const counter = new UsageCounter();
    for (let i = 0; i < MAX_COUNTED_FLAGS + 5; i++) counter.defaulted(`NAME_${i}`, false);
    counter.defaulted('NAME_0', false);
    const taken = counter.take();
    expect(taken).toHaveLength(MAX_COUNTED_FLAGS);
    expect(taken[0]).toEqual({ featureName: 'NAME_0', on: 0, off: 0, default: 2 });
  });
});
