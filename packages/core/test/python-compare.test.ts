import { describe, expect, it } from '@jest/globals';
import { compileCheck } from '../src/condition.js';
import { compareCodePoints, pyContains, pyEquals, pyNotContains, pyOrder } from '../src/python-compare.js';

// Each expectation is what CPython answers for the same decoded JSON values.
describe('Python comparison semantics', () => {
  it('treats booleans as 1 and 0 next to numbers', () => {
    expect(pyEquals(true, 1)).toBe(true);
    expect(pyEquals(false, 0)).toBe(true);
    expect(pyEquals(true, 1.0)).toBe(true);
    expect(pyEquals(true, 'true')).toBe(false);
    expect(pyOrder(false, 63)).toBeLessThan(0);
    expect(pyContains([true], 1)).toBe(true);
  });

  it('compares lists element by element and objects deeply', () => {
    expect(pyOrder([1, 2], [1, 3])).toBeLessThan(0);
    expect(pyOrder([1, 2], [1])).toBeGreaterThan(0);
    expect(pyOrder([1, 'a'], [1, 'b'])).toBeLessThan(0);
    expect(pyEquals({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(pyEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });

  it('orders strings by code point, not by UTF-16 unit', () => {
    expect(compareCodePoints('\uffff', '🚩')).toBeLessThan(0);
    expect('\uffff' < '🚩').toBe(false); // JavaScript's own order differs here
    expect(compareCodePoints('a🚩', 'a\uffff')).toBeGreaterThan(0);
  });

  it('answers false where Python raises TypeError', () => {
    for (const operator of ['gt', 'gte', 'lt', 'lte'] as const) {
      expect(compileCheck(operator, 5)('5')).toBe(false);
      expect(compileCheck(operator, null)(1)).toBe(false);
      expect(compileCheck(operator, { a: 1 })({ a: 1 })).toBe(false);
    }
    expect(compileCheck('in', 'abc')(1)).toBe(false);
    expect(compileCheck('not_in', 'abc')(1)).toBe(false);
    expect(compileCheck('in', 5)(5)).toBe(false);
    expect(compileCheck('not_in', { a: 1 })(['a'])).toBe(false);
  });

  it('tests membership in lists, substrings and dict keys', () => {
    expect(pyContains(['pro', 'team'], 'pro')).toBe(true);
    expect(pyContains('FRDE', 'RD')).toBe(true);
    expect(pyContains({ a: 1 }, 'a')).toBe(true);
    expect(pyNotContains({ a: 1 }, 'b')).toBe(true);
    expect(pyNotContains({ a: 1 }, 5)).toBe(true);
    expect(pyNotContains([1, 2], 3)).toBe(true);
  });

  it('compares the given value (left) with the stored one (right)', () => {
    expect(compileCheck('gt', 9000)(9001)).toBe(true);
    expect(compileCheck('gt', 9000)(8999)).toBe(false);
    expect(compileCheck('lte', 'm')('a')).toBe(true);
    expect(compileCheck('ne', 'city')('town')).toBe(true);
    expect(compileCheck(null, 1)(true)).toBe(true);
  });
});
