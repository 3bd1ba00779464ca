import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  FeatureFlagClient,
  ListenerError,
  MemoryFeatureFlagStore,
  NoOpBucketer,
  type FlagEvent,
  type FlagEventSubscriber,
} from '../src/index.js';

describe('events', () => {
  it('announces every write with pre_ and post_ events carrying its details', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const seen: FlagEvent[] = [];
    const types = [
      'create', 'enable', 'disable', 'destroy', 'add_condition', 'set_conditions', 'set_client_data', 'set_bucketer',
    ] as const;
    for (const type of types) {
      features.events.on(`pre_${type}`, (event) => void seen.push(event));
      features.events.on(`post_${type}`, (event) => void seen.push(event));
    }
    const condition = new Condition({ a: 1 });
    const bucketer = new NoOpBucketer();
    await features.create('E', { clientData: { x: 1 } });
    await features.enable('E');
    await features.disable('E');
    await features.addCondition('E', condition);
    await features.setConditions('E', [condition]);
    await features.setClientData('E', { y: 2 });
    await features.setBucketer('E', bucketer);
    await features.destroy('E');
    expect(seen.map((event) => event.type)).toEqual(
      ['create', 'enable', 'disable', 'add_condition', 'set_conditions', 'set_client_data', 'set_bucketer', 'destroy'].flatMap(
        (type) => [`pre_${type}`, `post_${type}`],
      ),
    );
    expect(seen.every((event) => event.featureName === 'E')).toBe(true);
    expect(seen[0]).toEqual({ type: 'pre_create', featureName: 'E', isEnabled: false, clientData: { x: 1 } });
    expect(seen.find((event) => event.type === 'post_add_condition')).toEqual({
      type: 'post_add_condition',
      featureName: 'E',
      condition,
    });
    expect(seen.find((event) => event.type === 'pre_set_bucketer')).toMatchObject({ bucketer });
  });

  it('sends no post_ event for a failed write', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const types: string[] = [];
    features.events.on('pre_enable', (event) => void types.push(event.type));
    features.events.on('post_enable', (event) => void types.push(event.type));
    await expect(features.enable('MISSING')).rejects.toThrow(/does not exist/);
    expect(types).toEqual(['pre_enable']);
  });

  it('stops calling a listener after off', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    let calls = 0;
    const listener = () => void calls++;
    features.events.on('post_create', listener);
    await features.create('A');
    features.events.off('post_create', listener);
    await features.create('B');
    expect(calls).toBe(1);
  });

  it('calls subscriber methods named after the events', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const calls: string[] = [];
    const subscriber: FlagEventSubscriber = {
      onPreCreate: (event) => void calls.push(`pre ${event.featureName}`),
      onPostCreate: (event) => void calls.push(`post ${event.featureName} ${event.isEnabled}`),
      onPostAddCondition: (event) => void calls.push(`condition ${event.condition.variables.join()}`),
    };
    features.events.registerSubscriber(subscriber);
    await features.create('S', { isEnabled: true });
    await features.addCondition('S', new Condition({ tier: 'gold' }));
    features.events.removeSubscriber(subscriber);
    await features.create('T');
    expect(calls).toEqual(['pre S', 'post S true', 'condition tier']);
  });

  it('keeps the write when a listener throws or rejects, and reports it as an error event', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const errors: unknown[] = [];
    features.events.on('error', (event) => void errors.push(event.error));
    features.events.on('pre_create', () => {
      throw new Error('listener bug');
    });
    features.events.on('post_create', () => Promise.reject(new Error('async listener bug')));
    await features.create('KEPT', { isEnabled: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await features.isEnabled('KEPT')).toBe(true);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(ListenerError);
    expect((errors[0] as Error).message).toBe('flipper: flag "KEPT": a listener of pre_create threw');
  });

  it('survives an error listener that throws', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    features.events.on('error', () => {
      throw new Error('worse');
    });
    features.events.on('pre_create', () => {
      throw new Error('bad');
    });
    await expect(features.create('OK')).resolves.toBeDefined();
  });
});
