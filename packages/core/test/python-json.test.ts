import { describe, expect, it } from '@jest/globals';
import { pythonJsonDumps } from '../src/store-entry.js';
import { PythonFloat, pythonFloatRepr } from '../src/python-json.js';

// Expected texts are what CPython's json.dumps / repr print for these values.
describe("Python's json.dumps", () => {
  it.each([
    [0.1, '0.1'],
    [51.24, '51.24'],
    [1e-5, '1e-05'],
    [2.5e-5, '2.5e-05'],
    [0.0001, '0.0001'],
    [1e-300, '1e-300'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [1234567890123456.8, '1234567890123456.8'],
    [-0.5, '-0.5'],
    [1e22, '1e+22'],
    [123456.789, '123456.789'],
  ])('writes the float %p as %s', (value, text) => {
    expect(pythonFloatRepr(value)).toBe(text);
  });

  it('writes integral numbers as integers, every digit included', () => {
    expect(pythonJsonDumps(42)).toBe('42');
    expect(pythonJsonDumps(-7)).toBe('-7');
    expect(pythonJsonDumps(1e21)).toBe('1000000000000000000000');
    expect(pythonJsonDumps(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('keeps a float a float where Python holds one', () => {
    expect(pythonJsonDumps(new PythonFloat(1))).toBe('1.0');
    expect(pythonJsonDumps(new PythonFloat(0))).toBe('0.0');
  });

  it('escapes like ensure_ascii: short escapes, \\u00XX controls, lowercase hex, surrogate pairs', () => {
    expect(pythonJsonDumps('a"b\\c\n\r\t\b\f')).toBe('"a\\"b\\\\c\\n\\r\\t\\b\\f"');
    expect(pythonJsonDumps('\u0001\u001f\u007f')).toBe('"\\u0001\\u001f\\u007f"');
    expect(pythonJsonDumps('ü文')).toBe('"\\u00fc\\u6587"');
    expect(pythonJsonDumps('🎉')).toBe('"\\ud83c\\udf89"');
    expect(pythonJsonDumps('/<>&\'')).toBe('"/<>&\'"');
  });

  it('separates with ", " and ": " and keeps key order', () => {
    expect(pythonJsonDumps({ b: [1, true, null], a: { c: 'x' }, e: {}, f: [] })).toBe(
      '{"b": [1, true, null], "a": {"c": "x"}, "e": {}, "f": []}',
    );
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => pythonJsonDumps({ f: () => 1 })).toThrow(TypeError);
    expect(() => pythonJsonDumps(new Date(0))).toThrow(/Date/);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => pythonJsonDumps(cycle)).toThrow(TypeError);
  });
});
