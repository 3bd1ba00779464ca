import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { consistentHashScore, consistentHashText } from '../src/consistent-hash.js';
import { ConsistentHashPercentageBucketer, Percentage } from '../src/index.js';
import { readVectors, type BucketingVector } from './support/vectors.js';

const { vectors } = readVectors<{ vectors: BucketingVector[] }>('bucketing.json');

describe('consistent hashing against the Python library (bucketing.json)', () => {
  it('holds the 1,500 cases of the golden file', () => {
    expect(vectors.length).toBe(1500);
  });

  it('serializes the checks exactly as Python hashed them', () => {
    const mismatches = vectors.filter((v) => consistentHashText(v.checks, v.key_whitelist) !== v.serialized);
    expect(mismatches.map((v) => v.serialized).slice(0, 5)).toEqual([]);
  });

  it('scores every case as Python did', () => {
    const mismatches = vectors.filter((v) => consistentHashScore(v.checks, v.key_whitelist) !== v.score);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('agrees with a SHA-1 from node:crypto on the serialized text', () => {
    for (const v of vectors) {
      const digest = BigInt(`0x${createHash('sha1').update(v.serialized, 'utf8').digest('hex')}`);
      expect(Number(digest % 100n) / 100).toBe(v.score);
    }
  });

  it('decides every percentage as Python did', () => {
    let decisions = 0;
    const wrong: string[] = [];
    for (const v of vectors) {
      for (const [share, enabled] of Object.entries(v.enabled)) {
        const bucketer = new ConsistentHashPercentageBucketer({
          keyWhitelist: v.key_whitelist,
          percentage: new Percentage(Number(share)),
        });
        decisions++;
        if (bucketer.check(v.checks) !== enabled) wrong.push(`${v.serialized} @ ${share}`);
      }
    }
    expect(decisions).toBe(1500 * 9);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
