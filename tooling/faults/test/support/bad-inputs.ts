/** The bad inputs of bad-input.test.ts, one table each. */

/**
 * Names that mean something to a backend — Redis SCAN globs, Consul and S3 path segments — next
 * to names they could be confused with. Each is an ordinary flag name.
 */
export const AWKWARD_NAMES: readonly string[] = [
  'a',
  'ab',
  'abc',
  'a*',
  'a?',
  'a[bc]',
  'a/b',
  '/leading',
  '//double',
  'trailing/',
  '..',
  '../escape',
  'x/../target',
  'target',
  'dots..in..name',
  'percent%2Fencoded',
  'back\\slash',
  'spaces in a name',
  'ünïcödé-旗-🚩',
];

/** 1,024 UTF-8 bytes, the most a name may have; path segments short enough for a file system. */
export const LONGEST_NAME = `${`${'x'.repeat(199)}/`.repeat(5)}${'é'.repeat(12)}`;

class Point {
  constructor(readonly x = 1) {}
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { deeper: value };
  return value;
}

/** [what, a fresh value (so a case cannot be spoiled by the one before), the cause the message must give]. */
export const BAD_CLIENT_DATA: readonly (readonly [string, () => unknown, RegExp])[] = [
  [
    'a cycle',
    () => {
      const data: Record<string, unknown> = { a: 1 };
      data['self'] = data;
      return data;
    },
    /nested deeper than 64 levels \(or is circular\)/,
  ],
  ['a BigInt', () => ({ n: 10n }), /clientData\.n is a BigInt/],
  ['a function', () => ({ f: () => 1 }), /clientData\.f is a function/],
  ['undefined', () => ({ u: undefined }), /clientData\.u is undefined/],
  ['NaN', () => ({ n: Number.NaN }), /clientData\.n is NaN/],
  ['Infinity', () => ({ n: Number.POSITIVE_INFINITY }), /clientData\.n is Infinity/],
  ['a symbol value', () => ({ s: Symbol('s') }), /clientData\.s is a symbol/],
  ['a symbol key', () => ({ [Symbol('k')]: 1 }), /clientData has a symbol key/],
  ['a Date', () => ({ when: new Date(0) }), /clientData\.when is a Date/],
  ['a Map', () => ({ m: new Map([['a', 1]]) }), /clientData\.m is a Map/],
  ['a class instance', () => ({ p: new Point() }), /clientData\.p is a Point/],
  ['a key "__proto__" (from JSON.parse)', () => JSON.parse('{"__proto__": {"polluted": true}}'), /clientData has the key "__proto__"/],
  ['a nested key "__proto__"', () => ({ list: [JSON.parse('{"__proto__": {"isAdmin": true}}')] }), /clientData\.list\[0\] has the key "__proto__"/],
  ['a key "constructor"', () => ({ constructor: { prototype: { injected: true } } }), /clientData has the key "constructor"/],
  ['nesting 100 deep', () => nested(100), /nested deeper than 64 levels/],
  ['an array', () => [1, 2], /client data must be a plain object/],
  ['a string', () => '{"a": 1}', /client data must be a plain object/],
];

const GOOD_DOCUMENT = JSON.stringify({
  feature_name: 'BAD',
  is_enabled: true,
  meta: { client_data: {}, created_date: 1700000000, conditions: [], bucketer: { type: 'NoOpBucketer' } },
});

function documentWith(meta: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return JSON.stringify({
    feature_name: 'BAD',
    is_enabled: true,
    meta: { client_data: {}, created_date: 1700000000, conditions: [], bucketer: { type: 'NoOpBucketer' }, ...meta },
    ...top,
  });
}

/** [what, the stored text, the part the error must point at]. */
export const BAD_DOCUMENTS: readonly (readonly [string, string, string])[] = [
  ['not JSON', '{"feature_name": "BAD", "is_enabled": tr', 'at document: not valid JSON'],
  ['truncated', GOOD_DOCUMENT.slice(0, Math.floor(GOOD_DOCUMENT.length / 2)), 'at document: not valid JSON'],
  ['empty', '', 'at document'],
  ['a JSON array', '[1, 2]', 'at document: expected an object'],
  ['a foreign document', '{"name": "BAD", "on": true}', 'at '],
  ['another flag\'s document', documentWith({}, { feature_name: 'OTHER' }), 'at feature_name'],
  ['no meta', '{"feature_name": "BAD", "is_enabled": true}', 'at meta'],
  ['is_enabled as a string', documentWith({}, { is_enabled: 'yes' }), 'at is_enabled'],
  ['an unknown operator', documentWith({ conditions: [{ age: [{ variable: 'age', value: 1, operator: 'matches' }] }] }), 'meta.conditions[0]'],
  ['an unknown bucketer type', documentWith({ bucketer: { type: 'MysteryBucketer' } }), 'at meta.bucketer.type'],
  [
    'an unknown percentage type',
    documentWith({ bucketer: { type: 'PercentageBucketer', percentage: { type: 'MysteryPercentage', value: 0.5 } } }),
    'at meta.bucketer.percentage.type',
  ],
  ['a percentage out of range', documentWith({ bucketer: { type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 7 } } }), 'meta.bucketer.percentage'],
  ['client data that is not an object', documentWith({ client_data: 'not an object' }), 'at meta.client_data'],
  ['a key "__proto__" in client data', documentWith({}).replace('"client_data":{}', '"client_data":{"__proto__":{"polluted":true}}'), 'at meta.client_data'],
  ['a condition variable "__proto__"', documentWith({}).replace('"conditions":[]', '"conditions":[{"__proto__":[{"variable":"__proto__","value":1,"operator":null}]}]'), 'meta.conditions[0]'],
];
