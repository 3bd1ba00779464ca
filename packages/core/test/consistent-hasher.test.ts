import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { ConsistentHasher, consistentHashText } from '../src/consistent-hash.js';
import { ConsistentHashPercentageBucketer, Percentage } from '../src/index.js';
import { readVectors, type BucketingVector } from './support/vectors.js';

/** What Python computes from the text it hashes: `int(sha1(text.encode()), 16) % 100`. */
function pythonResidue(serialized: string): number {
  return Number(BigInt(`0x${createHash('sha1').update(serialized, 'utf8').digest('hex')}`) % 100n);
}

const { vectors } = readVectors<{ vectors: BucketingVector[] }>('bucketing.json');

describe('ConsistentHasher, the per-bucketer fast path', () => {
  it('gives every golden vector the residue Python did', () => {
    const wrong = vectors.filter((v) => new ConsistentHasher(v.key_whitelist).residue(v.checks) / 100 !== v.score);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('gives the golden residues with one hasher reused across all vectors of a whitelist', () => {
    const hashers = new Map<string, ConsistentHasher>();
    const wrong = vectors.filter((v) => {
      const id = JSON.stringify(v.key_whitelist);
      if (!hashers.has(id)) hashers.set(id, new ConsistentHasher(v.key_whitelist));
      return hashers.get(id)!.residue(v.checks) / 100 !== v.score;
    });
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  // Python's json.dumps of the sorted pairs, written out by hand for the shapes the fast paths
  // take: each line is [checks, whitelist, the text Python hashes].
  const cases: Array<[Record<string, unknown>, string[], string]> = [
    [{ user_id: 'ünï' }, ['user_id'], '[["user_id", "\\u00fcn\\u00ef"]]'],
    [{ user_id: '🎉 party' }, ['user_id'], '[["user_id", "\\ud83c\\udf89 party"]]'],
    [{ user_id: 'tab\there "q" \\ \u0001\u007f' }, ['user_id'], '[["user_id", "tab\\there \\"q\\" \\\\ \\u0001\\u007f"]]'],
    [{ user_id: 'a'.repeat(38) }, ['user_id'], `[["user_id", "${'a'.repeat(38)}"]]`], // 53 bytes, one block
    [{ user_id: 'a'.repeat(41) }, ['user_id'], `[["user_id", "${'a'.repeat(41)}"]]`], // 56 bytes: two blocks
    [{ user_id: 'a'.repeat(49) }, ['user_id'], `[["user_id", "${'a'.repeat(49)}"]]`], // 64 bytes
    [{ user_id: 'é'.repeat(30) }, ['user_id'], `[["user_id", "${'\\u00e9'.repeat(30)}"]]`], // 3 blocks
    [{ user_id: 'x'.repeat(5000) }, ['user_id'], `[["user_id", "${'x'.repeat(5000)}"]]`],
    [{ user_id: 0 }, ['user_id'], '[["user_id", 0]]'],
    [{ user_id: -7 }, ['user_id'], '[["user_id", -7]]'],
    [{ user_id: 2 ** 31 - 1 }, ['user_id'], '[["user_id", 2147483647]]'],
    [{ user_id: 2 ** 31 }, ['user_id'], '[["user_id", 2147483648]]'],
    [{ user_id: -(2 ** 31) - 1 }, ['user_id'], '[["user_id", -2147483649]]'],
    [{ user_id: 2 ** 32 + 1 }, ['user_id'], '[["user_id", 4294967297]]'],
    [{ user_id: Number.MAX_SAFE_INTEGER }, ['user_id'], '[["user_id", 9007199254740991]]'],
    [{ user_id: 1e21 }, ['user_id'], '[["user_id", 1000000000000000000000]]'],
    [{ user_id: 0.1 }, ['user_id'], '[["user_id", 0.1]]'],
    [{ user_id: -1.5e-6 }, ['user_id'], '[["user_id", -1.5e-06]]'],
    [{ user_id: 1.2345e20 + 0.5 }, ['user_id'], '[["user_id", 123450000000000000000]]'],
    [{ user_id: true }, ['user_id'], '[["user_id", true]]'],
    [{ user_id: false }, ['user_id'], '[["user_id", false]]'],
    [{ user_id: null }, ['user_id'], '[["user_id", null]]'],
    [{ user_id: 12n }, ['user_id'], '[["user_id", 12]]'],
    [{ user_id: { b: [1, null, 'é'], a: {} } }, ['user_id'], '[["user_id", {"b": [1, null, "\\u00e9"], "a": {}}]]'],
    [{ user_id: [[], [0.5, true]] }, ['user_id'], '[["user_id", [[], [0.5, true]]]]'],
    [{ user_id: undefined, other: 1 }, ['user_id'], '[]'],
    [{ other: 1 }, ['user_id'], '[]'],
    [{}, ['user_id'], '[]'],
    [{ 'ünï': 1 }, ['ünï'], '[["\\u00fcn\\u00ef", 1]]'],
    [{ user_id: 42, org_id: 'org-7' }, ['user_id', 'org_id'], '[["org_id", "org-7"], ["user_id", 42]]'],
    [{ org_id: 'org-7', user_id: 42 }, ['org_id', 'user_id', 'org_id'], '[["org_id", "org-7"], ["user_id", 42]]'],
    [{ user_id: 42 }, ['user_id', 'org_id'], '[["user_id", 42]]'],
    [{ org_id: undefined, user_id: undefined }, ['user_id', 'org_id'], '[]'],
    [
      { b: 2, Z: 'z', a: 1, é: 'e', '\u{1f600}': 's', '\uffff': 'f', user_id: 'u', ignored: 0 },
      ['user_id', 'a', 'b', 'Z', 'é', '\u{1f600}', '\uffff'],
      // Code point order: "Z" < "a" < "b" < "user_id" < "é" < U+FFFF < U+1F600 (UTF-16 order would put U+1F600 first).
      '[["Z", "z"], ["a", 1], ["b", 2], ["user_id", "u"], ["\\u00e9", "e"], ["\\uffff", "f"], ["\\ud83d\\ude00", "s"]]',
    ],
    [{ b: 2, a: [1], c: null }, [], '[["a", [1]], ["b", 2], ["c", null]]'],
  ];

  it.each(cases)('case %#: writes and hashes the text Python hashes', (checks, whitelist, serialized) => {
    expect(consistentHashText(checks, whitelist)).toBe(serialized);
    expect(new ConsistentHasher(whitelist).residue(checks)).toBe(pythonResidue(serialized));
  });

  it('leaves nothing of a longer value behind for the next, shorter one', () => {
    const hasher = new ConsistentHasher(['user_id']);
    for (const value of ['x'.repeat(300), 'ab', 123456789012, 7, 'é'.repeat(100), 'c']) {
      expect(hasher.residue({ user_id: value })).toBe(pythonResidue(consistentHashText({ user_id: value }, ['user_id'])));
    }
  });

  it('reads whitelisted own properties, enumerable or not, the same on the fast and reference paths', () => {
    const checks = { org_id: 'o' } as Record<string, unknown>;
    Object.defineProperty(checks, 'user_id', { value: 'hidden', enumerable: false });
    for (const whitelist of [['user_id'], ['user_id', 'org_id']]) {
      const text = consistentHashText(checks, whitelist);
      expect(text).toContain('"hidden"');
      expect(new ConsistentHasher(whitelist).residue(checks)).toBe(pythonResidue(text));
    }
    expect(consistentHashText(checks, [])).toBe('[["org_id", "o"]]');
  });

  it('skips inherited properties, as the checks Python receives have none', () => {
    const checks = Object.create({ user_id: 'from the prototype' }) as Record<string, unknown>;
    expect(new ConsistentHasher(['user_id']).residue(checks)).toBe(pythonResidue('[]'));
    expect(new ConsistentHasher(['user_id', 'org_id']).residue(checks)).toBe(pythonResidue('[]'));
  });

  it('answers a nested evaluation from a getter the same as a plain one', () => {
    const bucketer = new ConsistentHashPercentageBucketer({ keyWhitelist: ['a', 'user_id'], percentage: new Percentage(0.5) });
    const hasher = new ConsistentHasher(['a', 'user_id']);
    const nested: number[] = [];
    const checks = {
      a: 1,
      get user_id() {
        // Evaluates the same whitelist while the outer call is writing its pairs.
        nested.push(hasher.residue({ a: 2, user_id: 'inner' }));
        return 'outer';
      },
    };
    expect(hasher.residue(checks)).toBe(pythonResidue('[["a", 1], ["user_id", "outer"]]'));
    expect(nested).toEqual([pythonResidue('[["a", 2], ["user_id", "inner"]]')]);
    expect(bucketer.check(checks)).toBe(pythonResidue('[["a", 1], ["user_id", "outer"]]') / 100 <= 0.5);
  });

  it('keeps its prepared whitelist out of sight: equal to a fresh bucketer, usable when frozen', () => {
    const used = new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) });
    const fresh = new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) });
    Object.freeze(used);
    expect(used.check({ user_id: 'u' })).toBe(pythonResidue('[["user_id", "u"]]') / 100 <= 0.5);
    expect(used).toEqual(fresh);
    expect(Object.keys(used)).toEqual(Object.keys(fresh));
  });

  it('throws for a value JSON cannot hold, and works normally afterwards', () => {
    const hasher = new ConsistentHasher(['user_id']);
    expect(() => hasher.residue({ user_id: () => 1 })).toThrow(TypeError);
    expect(() => hasher.residue({ user_id: new Date(0) })).toThrow(TypeError);
    expect(hasher.residue({ user_id: 'u' })).toBe(pythonResidue('[["user_id", "u"]]'));
    // Had the failure left the buffer marked busy, this would still be right, only slower;
    // the reference comparison below covers both paths.
    expect(new ConsistentHasher(['user_id', 'x']).residue({ x: 1 })).toBe(pythonResidue('[["x", 1]]'));
  });

  it('agrees with the reference writer on arbitrary checks and whitelists', () => {
    const key = fc.constantFrom('user_id', 'org_id', 'a', 'Z', 'é', '\u{1f600}', 'plan', 'x');
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ maxLength: 80 }),
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), fc.array(key, { maxLength: 4 }), (checks, whitelist) => {
        const expected = pythonResidue(consistentHashText(checks, whitelist));
        expect(new ConsistentHasher(whitelist).residue(checks)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the reference writer with one hasher reused across arbitrary checks in a row', () => {
    // The hasher rewrites only the padding bytes that changed since the previous text: each
    // answer must be as if its buffer were fresh, whatever came before (longer, shorter, a throw).
    const value = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double({ noNaN: true }),
      fc.constant(undefined),
      fc.constant(Symbol('no JSON')),
      fc.jsonValue({ maxDepth: 2 }),
    );
    const checks = fc.record({ user_id: value, org_id: value }, { requiredKeys: [] });
    const answer = (hash: () => number): number | 'throws' => {
      try {
        return hash();
      } catch {
        return 'throws';
      }
    };
    fc.assert(
      fc.property(fc.array(checks, { minLength: 1, maxLength: 30 }), (sequence) => {
        for (const whitelist of [['user_id'], ['user_id', 'org_id'], []]) {
          const hasher = new ConsistentHasher(whitelist);
          for (const item of sequence) {
            const expected = answer(() => pythonResidue(consistentHashText(item, whitelist)));
            expect(answer(() => hasher.residue(item))).toBe(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
