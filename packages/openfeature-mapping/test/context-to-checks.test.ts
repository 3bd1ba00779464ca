import { describe, expect, it } from '@jest/globals';
import { contextToChecks, resolveContextMapping, UnusableContextError } from '../src/index.js';

const mapping = resolveContextMapping({}, 'test');

describe('contextToChecks', () => {
  it('gives the targeting key as user_id, every attribute under its own name and nested objects as dotted names', () => {
    const checks = contextToChecks(
      { targetingKey: 'u-1', plan: 'pro', age: 30, tags: ['a', { b: 1 }], user: { address: { country: 'NL' }, empty: {} }, gone: undefined },
      mapping,
    );
    expect({ ...checks }).toEqual({ user_id: 'u-1', plan: 'pro', age: 30, tags: ['a', { b: 1 }], 'user.address.country': 'NL' });
  });

  it('lets the targeting key win over an attribute of the same name, under the configured check and value', () => {
    const byAccount = resolveContextMapping({ targetingKeyCheck: 'account_id', targetingKeyValue: Number }, 'test');
    expect({ ...contextToChecks({ targetingKey: '7', account_id: 'x' }, byAccount) }).toEqual({ account_id: 7 });
    expect({ ...contextToChecks({ targetingKey: '', user_id: 'kept' }, mapping) }).toEqual({ user_id: 'kept' });
  });

  it('writes Dates as ISO strings and keeps a __proto__ key an ordinary check', () => {
    const hostile = JSON.parse('{"__proto__": {"is_admin": true}, "when": 1}') as Record<string, unknown>;
    const checks = contextToChecks({ ...hostile, at: new Date(Date.UTC(2024, 0, 2)) }, mapping);
    expect(checks['__proto__.is_admin']).toBe(true);
    expect(checks['at']).toBe('2024-01-02T00:00:00.000Z');
    expect(Object.getPrototypeOf(checks)).toBeNull();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a Map', { tags: new Map() }, /"tags" is a Map/],
    ['a clash of a dotted name and a nested one', { 'a.b': 1, a: { b: 2 } }, /"a"\.b gives the check "a.b", which another attribute gives too/],
    ['a circular object', (() => { const c: Record<string, unknown> = {}; c['self'] = c; return { c }; })(), /nested deeper than 64 levels/],
  ])('refuses %s with UnusableContextError', (_, context, message) => {
    expect(() => contextToChecks(context, mapping)).toThrow(UnusableContextError);
    expect(() => contextToChecks(context, mapping)).toThrow(message);
  });

  it('refuses bad options with the owner named', () => {
    expect(() => resolveContextMapping({ targetingKeyCheck: '' }, 'ofrep')).toThrow(/^flipper: ofrep: targetingKeyCheck must be a non-empty check name/);
  });
});
