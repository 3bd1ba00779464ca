import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  InvalidArgumentError,
  LinearRampPercentage,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
  type Bucketer,
} from '../src/index.js';
import { encodeDocument } from '../src/store-entry.js';

async function seeded(): Promise<{ features: FeatureFlagClient; store: MemoryFeatureFlagStore; snapshot: () => Promise<string> }> {
  const store = new MemoryFeatureFlagStore();
  const features = new FeatureFlagClient(store);
  await features.create('F', { isEnabled: true, clientData: { keep: 1 } });
  await features.create('OTHER', { clientData: { other: true } });
  const snapshot = async () =>
    [(await store.get('F'))!, (await store.get('OTHER'))!].map((item) => encodeDocument(item)).join('\n');
  return { features, store, snapshot };
}

async function rejection(promise: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}

describe('flag names', () => {
  it.each([
    ['an empty name', '', /must not be empty/],
    ['a number', 42, /must be a string, got number/],
    ['null', null, /must be a string, got null/],
    ['a name over 1,024 UTF-8 bytes', 'é'.repeat(513), /longer than 1024 UTF-8 bytes/],
    ['a lone surrogate', 'bad\ud800name', /lone UTF-16 surrogate/],
  ])('rejects %s before any I/O', async (_label, name, message) => {
    const { features, store } = await seeded();
    const before = store.size;
    const error = await rejection(features.create(name as string));
    expect(error.message).toMatch(message);
    expect(store.size).toBe(before);
  });

  it('names the flag in the message, cut short when it is huge', async () => {
    const { features } = await seeded();
    const error = await rejection(features.create('x'.repeat(10_000)));
    expect(error.featureName).toBe('x'.repeat(10_000));
    expect(error.message.length).toBeLessThan(300);
    expect(error.message).toContain('flag "xxxxxxxx');
  });

  it('accepts unicode names within the limit', async () => {
    const { features } = await seeded();
    await features.create('新功能-🚩', { isEnabled: true });
    expect(await features.isEnabled('新功能-🚩')).toBe(true);
  });
});

describe('client data', () => {
  const cycle: Record<string, unknown> = {};
  cycle['self'] = cycle;
  it.each([
    ['a cycle', { a: cycle }, /nested deeper than 64 levels \(or is circular\)/],
    ['a BigInt', { id: 1n }, /clientData\.id is a BigInt/],
    ['a function', { f: () => 1 }, /clientData\.f is a function/],
    ['an undefined value', { u: undefined }, /clientData\.u is undefined/],
    ['NaN', { n: Number.NaN }, /clientData\.n is NaN/],
    ['a Date', { when: new Date(0) }, /clientData\.when is a Date/],
    ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>, /"__proto__"/],
    ['a nested constructor key', { deep: { constructor: { prototype: {} } } }, /"constructor"/],
    ['an array', [1, 2] as unknown as Record<string, unknown>, /plain object/],
  ])('rejects %s and writes nothing', async (_label, data, message) => {
    const { features, snapshot } = await seeded();
    const before = await snapshot();
    const error = await rejection(features.setClientData('F', data));
    expect(error.message).toMatch(message);
    expect(error.message).toContain('flag "F"');
    expect(error.featureName).toBe('F');
    expect(await snapshot()).toBe(before);
    const created = await rejection(features.create('NEW', { clientData: data }));
    expect(created.featureName).toBe('NEW');
    expect(await features.exists('NEW')).toBe(false);
  });

  it('does not pollute any prototype', async () => {
    const { features } = await seeded();
    await rejection(features.setClientData('F', JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('conditions, percentages and bucketers', () => {
  it('rejects an unknown operator at construction, naming it', () => {
    expect(() => new Condition({ age__between: [1, 2] })).toThrow(InvalidArgumentError);
    expect(() => new Condition({ age__between: [1, 2] })).toThrow(/unknown operator "between"/);
  });

  it('rejects condition variables that would reach a prototype, and keeps others apart', () => {
    expect(() => new Condition(JSON.parse('{"__proto__": 1}') as Record<string, unknown>)).toThrow(/"__proto__"/);
    expect(() => new Condition({ constructor__gt: 1 })).toThrow(/"constructor" is not allowed/);
    expect(new Condition({ toString: 'x', hasOwnProperty__ne: 1 }).toJSON()).toEqual({
      toString: [{ variable: 'toString', value: 'x', operator: null }],
      hasOwnProperty: [{ variable: 'hasOwnProperty', value: 1, operator: 'ne' }],
    });
  });

  it('rejects condition values that are not JSON', () => {
    expect(() => new Condition({ when: new Date() })).toThrow(/is a Date/);
    expect(() => new Condition({})).toThrow(/at least one check/);
  });

  it.each([1.5, -0.1, Number.NaN, '0.5', Infinity])('rejects the percentage %p', (value) => {
    expect(() => new Percentage(value as number)).toThrow(InvalidArgumentError);
    expect(() => new LinearRampPercentage({ finalValue: value as number })).toThrow(InvalidArgumentError);
  });

  it('rejects a negative or infinite ramp duration', () => {
    expect(() => new LinearRampPercentage({ rampDuration: -1 })).toThrow(/rampDuration/);
    expect(() => new LinearRampPercentage({ rampDuration: Infinity })).toThrow(/rampDuration/);
  });

  it('rejects bucketers without a percentage', () => {
    expect(() => new PercentageBucketer({} as { percentage: Percentage })).toThrow(/needs a percentage/);
    expect(() => new ConsistentHashPercentageBucketer({ percentage: 0.5 } as unknown as { percentage: Percentage })).toThrow(
      /needs a percentage/,
    );
  });

  it('rejects look-alike objects passed to the client, naming the flag, and writes nothing', async () => {
    const { features, snapshot } = await seeded();
    const before = await snapshot();
    const fakeBucketer = { type: 'PercentageBucketer', check: () => true, toJSON: () => ({}) } as unknown as Bucketer;
    expect((await rejection(features.setBucketer('F', fakeBucketer))).message).toMatch(/flag "F": expected a bucketer/);
    const fakeCondition = { checks: [] } as unknown as Condition;
    expect((await rejection(features.addCondition('F', fakeCondition))).message).toMatch(/flag "F": expected a Condition/);
    expect((await rejection(features.setConditions('F', [new Condition({ a: 1 }), fakeCondition]))).featureName).toBe('F');
    expect(await snapshot()).toBe(before);
  });

  it('rejects a bad list window', async () => {
    const { features } = await seeded();
    const iterate = async (options: { limit?: number; offset?: number }) => {
      for await (const flag of features.list(options)) void flag;
    };
    await expect(iterate({ limit: -1 })).rejects.toThrow(/limit must be a non-negative integer/);
    await expect(iterate({ offset: 1.5 })).rejects.toThrow(/offset must be a non-negative integer/);
  });

  it('rejects an unknown unmatchedConditions mode', () => {
    expect(() => new FeatureFlagClient(new MemoryFeatureFlagStore(), { unmatchedConditions: 'maybe' as 'bucket' })).toThrow(
      InvalidArgumentError,
    );
  });
});
