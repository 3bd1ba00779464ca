/**
 * Every example of the Python library's README (../shared/seed), in TypeScript, with the
 * answers the README gives (bucketing: seed-bucketing.test.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { Condition, FeatureFlag, FeatureFlagClient, MemoryFeatureFlagStore, Percentage, PercentageBucketer, isEnabled } from '../src/index.js';
import { newClient, observedRate } from './support/seed.js';

describe('Quickstart', () => {
  it('creates, enables and checks a flag', async () => {
    const features = newClient();
    await features.create('MY_FEATURE');
    expect(await features.isEnabled('MY_FEATURE')).toBe(false);
    await features.enable('MY_FEATURE');
    expect(await features.isEnabled('MY_FEATURE')).toBe(true);
  });
});

describe('FeatureFlagClient API', () => {
  it('isEnabled with conditions', async () => {
    const features = newClient();
    await features.create('FEATURE_IMPROVED_HORSE_SOUNDS', { isEnabled: true });
    await features.addCondition('FEATURE_IMPROVED_HORSE_SOUNDS', new Condition({ is_horse_lover: true }));
    expect(await features.isEnabled('FEATURE_IMPROVED_HORSE_SOUNDS', { is_horse_lover: true })).toBe(true);
    expect(await features.isEnabled('FEATURE_IMPROVED_HORSE_SOUNDS', { is_horse_lover: false })).toBe(false);
  });

  it('create returns a FeatureFlag, disabled, with optional client data', async () => {
    const features = newClient();
    const flag = await features.create('MY_FEATURE', { clientData: { owner: 'growth' } });
    expect(flag).toBeInstanceOf(FeatureFlag);
    expect(flag.name).toBe('MY_FEATURE');
    expect(await flag.isEnabled()).toBe(false);
    expect(await flag.getClientData()).toEqual({ owner: 'growth' });
    const on = await features.create('ON_FROM_START', { isEnabled: true });
    expect(await on.isEnabled()).toBe(true);
  });

  it('exists guards a create', async () => {
    const features = newClient();
    expect(await features.exists('MY_FEATURE')).toBe(false);
    if (!(await features.exists('MY_FEATURE'))) await features.create('MY_FEATURE');
    expect(await features.exists('MY_FEATURE')).toBe(true);
  });

  it('get returns a handle on the flag', async () => {
    const features = newClient();
    await features.create('MY_FEATURE', { isEnabled: true });
    const flag = features.get('MY_FEATURE');
    expect(flag).toBeInstanceOf(FeatureFlag);
    expect(await flag.isEnabled()).toBe(true);
  });

  it('enable, disable and destroy', async () => {
    const features = newClient();
    await features.create('MY_FEATURE');
    await features.enable('MY_FEATURE');
    expect(await features.isEnabled('MY_FEATURE')).toBe(true);
    await features.disable('MY_FEATURE');
    expect(await features.isEnabled('MY_FEATURE')).toBe(false);
    await features.enable('MY_FEATURE');
    await features.destroy('MY_FEATURE');
    expect(await features.isEnabled('MY_FEATURE')).toBe(false);
    expect(await features.exists('MY_FEATURE')).toBe(false);
  });

  it('list with a limit', async () => {
    const features = newClient();
    for (let i = 0; i < 120; i++) await features.create(`F_${String(i).padStart(3, '0')}`, { isEnabled: i % 3 === 0 });
    const seen: [string, boolean][] = [];
    for await (const feature of features.list({ limit: 100 })) seen.push([feature.name, await feature.isEnabled()]);
    expect(seen.length).toBe(100);
    expect(seen[0]).toEqual(['F_000', true]);
    expect(seen[1]).toEqual(['F_001', false]);
    const rest: string[] = [];
    for await (const feature of features.list({ limit: 100, offset: 100 })) rest.push(feature.name);
    expect(rest.length).toBe(20);
  });

  it('setClientData merges; getClientData and getMeta read it back', async () => {
    const features = newClient();
    const before = Math.floor(Date.now() / 1000);
    await features.create('MY_FEATURE');
    await features.setClientData('MY_FEATURE', { ttl: 3600 });
    await features.setClientData('MY_FEATURE', { owner: 'ops' });
    expect(await features.getClientData('MY_FEATURE')).toEqual({ ttl: 3600, owner: 'ops' });
    const meta = await features.getMeta('MY_FEATURE');
    expect(meta.client_data).toEqual({ ttl: 3600, owner: 'ops' });
    expect(meta.created_date).toBeGreaterThanOrEqual(before);
    expect(meta.conditions).toEqual([]);
    expect(meta.bucketer).toEqual({ type: 'NoOpBucketer' });
  });

  it('addCondition: is_administrator', async () => {
    const features = newClient();
    await features.create('MY_FEATURE', { isEnabled: true });
    await features.addCondition('MY_FEATURE', new Condition({ is_administrator: true }));
    expect(await features.isEnabled('MY_FEATURE', { is_administrator: true })).toBe(true);
    expect(await features.isEnabled('MY_FEATURE', { is_administrator: false })).toBe(false);
  });

  it('setBucketer: a random 10% of traffic', async () => {
    const features = newClient();
    const flag = await features.create('MY_FEATURE', { isEnabled: true });
    await features.setBucketer('MY_FEATURE', new PercentageBucketer({ percentage: new Percentage(0.1) }));
    const rate = await observedRate(flag, 20_000);
    // 20,000 draws at 10%: the standard deviation is 0.21 points; 1.5 points is over 7 of them.
    expect(rate).toBeGreaterThan(0.085);
    expect(rate).toBeLessThan(0.115);
  });
});

describe('FeatureFlag API', () => {
  it('mirrors the client on one flag', async () => {
    const features = newClient();
    await features.create('HORSES');
    const flag = features.get('HORSES');
    await flag.enable();
    expect(await flag.isEnabled()).toBe(true);
    expect(await flag.isEnabled({ is_horse_lover: true, horse_type__in: ['Stallion', 'Mare'] })).toBe(true);
    await flag.setClientData({ ttl: 3600 });
    expect(await flag.getClientData()).toEqual({ ttl: 3600 });
    expect((await flag.getMeta()).client_data).toEqual({ ttl: 3600 });
    await flag.addCondition(new Condition({ is_administrator: true }));
    expect(await flag.isEnabled({ is_administrator: true })).toBe(true);
    expect(await flag.isEnabled({ is_administrator: false })).toBe(false);
    await flag.setBucketer(new PercentageBucketer({ percentage: new Percentage(0) }));
    expect(await flag.isEnabled()).toBe(false);
    await flag.disable();
    expect(await flag.isEnabled({ is_administrator: true })).toBe(false);
    await flag.destroy();
    expect(await flag.exists()).toBe(false);
  });
});

describe('decorators: isEnabled', () => {
  it('calls the function when the flag is on and the redirect otherwise', async () => {
    const features = newClient();
    await features.create('FEATURE_IMPROVED_HORSE_SOUNDS');
    const oldHorseSound = (request: { path: string }) => `Neigh at ${request.path}`;
    const newHorseSound = isEnabled(features, 'FEATURE_IMPROVED_HORSE_SOUNDS', { redirect: oldHorseSound })(
      (request: { path: string }) => `Whinny at ${request.path}`,
    );
    expect(await newHorseSound({ path: '/horse' })).toBe('Neigh at /horse');
    await features.enable('FEATURE_IMPROVED_HORSE_SOUNDS');
    expect(await newHorseSound({ path: '/horse' })).toBe('Whinny at /horse');
  });
});

describe('Conditions', () => {
  it('horse lovers with more than 9000 horses outside the city', async () => {
    const features = newClient();
    await features.create('FEATURE_IMPROVED_HORSE_SOUNDS');
    const flag = features.get('FEATURE_IMPROVED_HORSE_SOUNDS');
    await flag.addCondition(new Condition({ is_horse_lover: true }));
    await flag.addCondition(new Condition({ number_of_horses_owned__gt: 9000, location__ne: 'city' }));
    await flag.enable();
    expect(await flag.isEnabled()).toBe(true);
    expect(await flag.isEnabled({ is_horse_lover: true })).toBe(true);
    expect(await flag.isEnabled({ is_horse_lover: true, number_of_horses_owned: 8000 })).toBe(false);
    expect(await flag.isEnabled({ location: 'city' })).toBe(false);
  });

  it.each([
    ['gt', { n__gt: 10 }, { n: 11 }, { n: 10 }],
    ['gte', { n__gte: 10 }, { n: 10 }, { n: 9 }],
    ['lt', { n__lt: 10 }, { n: 9 }, { n: 10 }],
    ['lte', { n__lte: 10 }, { n: 10 }, { n: 11 }],
    ['ne', { n__ne: 10 }, { n: 11 }, { n: 10 }],
    ['in', { plan__in: ['pro', 'team'] }, { plan: 'pro' }, { plan: 'free' }],
    ['not_in', { plan__not_in: ['pro', 'team'] }, { plan: 'free' }, { plan: 'team' }],
    ['equality', { plan: 'pro' }, { plan: 'pro' }, { plan: 'free' }],
  ] as const)('operator %s', async (_operator, condition, passing, failing) => {
    const features = newClient();
    await features.create('OP', { isEnabled: true });
    await features.addCondition('OP', new Condition(condition));
    expect(await features.isEnabled('OP', passing)).toBe(true);
    expect(await features.isEnabled('OP', failing)).toBe(false);
  });
});

describe('Creating a custom backend', () => {
  it('accepts any object that implements the store contract', async () => {
    const inner = new MemoryFeatureFlagStore();
    const calls: string[] = [];
    // A store that logs and delegates, written against the exported interface.
    const custom: import('../src/store-entry.js').FeatureFlagStore = {
      storeName: 'custom',
      create: (name, options) => (calls.push(`create ${name}`), inner.create(name, options)),
      get: (name) => (calls.push(`get ${name}`), inner.get(name)),
      set: (name, enabled) => inner.set(name, enabled),
      delete: (name) => inner.delete(name),
      list: (options) => inner.list(options),
      setMeta: (name, meta) => inner.setMeta(name, meta),
      update: (name, change) => (calls.push(`update ${name}`), inner.update(name, change)),
    };
    const features = new FeatureFlagClient(custom);
    await features.create('MY_FEATURE');
    await features.enable('MY_FEATURE');
    expect(await features.isEnabled('MY_FEATURE')).toBe(true);
    expect(calls).toEqual(['create MY_FEATURE', 'update MY_FEATURE', 'get MY_FEATURE']);
  });
});
