import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  FeatureFlagClient,
  MemoryFeatureFlagStore,
  SyncEvaluationUnavailableError,
} from '../src/index.js';
import { withoutLocalCopy } from './support/failing-store.js';

describe('isEnabledSync', () => {
  it('answers from a store with a complete local copy, by the same rules', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await features.create('SYNC', { isEnabled: true });
    await features.addCondition('SYNC', new Condition({ plan__in: ['pro'] }));
    expect(features.isEnabledSync('SYNC', { plan: 'pro' })).toBe(true);
    expect(features.isEnabledSync('SYNC', { plan: 'free' })).toBe(false);
    expect(features.get('SYNC').isEnabledSync({ plan: 'pro' })).toBe(true);
    expect(features.isEnabledSync('MISSING')).toBe(false);
    expect(features.isEnabledSync('MISSING', undefined, { default: true })).toBe(true);
  });

  it('throws at once on a store without a local copy rather than guess', async () => {
    const features = new FeatureFlagClient(withoutLocalCopy(new MemoryFeatureFlagStore()));
    expect(() => features.isEnabledSync('ANY')).toThrow(SyncEvaluationUnavailableError);
    expect(() => features.isEnabledSync('ANY')).toThrow('flipper: flag "ANY": synchronous evaluation unavailable: the remote store keeps no local copy');
  });

  it('answers the default and reports it when the local copy cannot answer', async () => {
    const store = new MemoryFeatureFlagStore();
    store.getSync = () => {
      throw new Error('undecodable document');
    };
    const features = new FeatureFlagClient(store);
    const errors: unknown[] = [];
    features.events.on('error', (event) => void errors.push(event.error));
    expect(features.isEnabledSync('BROKEN', undefined, { default: true })).toBe(true);
    await expect(features.isEnabled('BROKEN')).resolves.toBe(false);
    expect(errors).toHaveLength(2);
    expect((errors[0] as Error).message).toBe('flipper: flag "BROKEN": memory store: get failed: undecodable document');
  });

  it('throws while the local copy is not complete', () => {
    const store = new MemoryFeatureFlagStore();
    Object.defineProperty(store, 'syncReady', { value: false });
    const features = new FeatureFlagClient(store);
    expect(() => features.isEnabledSync('ANY')).toThrow(/not complete yet/);
  });
});
