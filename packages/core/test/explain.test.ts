import { describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
  StoreError,
  describeExplanation,
} from '../src/index.js';
import { FeatureFlagMeta, FeatureFlagStoreItem, decodeDocument, explainEvaluation } from '../src/store-entry.js';
import { FailingStore, storeDown } from './support/failing-store.js';
import { readVectors, type BucketingVector, type DocumentVector } from './support/vectors.js';

const { documents } = readVectors<{ documents: DocumentVector[] }>('documents.json');
const { vectors } = readVectors<{ vectors: BucketingVector[] }>('bucketing.json');

describe('explainEvaluation', () => {
  it.each([
    ['bucket', 'enabled_documented'],
    ['enable', 'enabled'],
  ] as const)('answers what Python answered for every document vector (unmatchedConditions %s)', (mode, field) => {
    const wrong: unknown[] = [];
    let count = 0;
    for (const { document, evaluations } of documents) {
      const name = (JSON.parse(document) as { feature_name: string }).feature_name;
      const item = decodeDocument(name, document);
      for (const evaluation of evaluations) {
        count++;
        const expected = evaluation[field] === 'error' ? false : evaluation[field];
        const explained = explainEvaluation(item, evaluation.checks, mode);
        if (explained.enabled !== expected) wrong.push({ document, checks: evaluation.checks, expected, explained });
      }
    }
    expect(count).toBe(3600);
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it("reports the bucket and the hashed text Python's vectors give", () => {
    const wrong: unknown[] = [];
    for (const vector of vectors) {
      const bucketer = new ConsistentHashPercentageBucketer({ keyWhitelist: vector.key_whitelist, percentage: new Percentage(0.5) });
      const item = new FeatureFlagStoreItem('HASHED', true, new FeatureFlagMeta({ bucketer }));
      const { enabled, reason } = explainEvaluation(item, vector.checks);
      const expected = { kind: 'consistent_hash', percentage: 0.5, bucket: Math.round(vector.score * 100), hashed: vector.serialized };
      if (JSON.stringify(reason) !== JSON.stringify(expected) || enabled !== vector.enabled['0.5']) {
        wrong.push({ vector, reason, enabled });
      }
    }
    expect(vectors.length).toBeGreaterThan(100);
    expect(wrong.slice(0, 3)).toEqual([]);
  });
});

describe('FeatureFlagClient.explain', () => {
  async function seedExample(options: ConstructorParameters<typeof FeatureFlagClient>[1] = {}) {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore(), options);
    const flag = await features.create('HOMEPAGE_AB_TEST', { isEnabled: true });
    await flag.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
    await flag.addCondition(new Condition({ is_admin: true }));
    await flag.addCondition(new Condition({ age__gte: 18 }));
    return features;
  }

  it("names the bucket when the bucketer decides (the seed's example)", async () => {
    const features = await seedExample();
    const two = await features.explain('HOMEPAGE_AB_TEST', { user_id: 2 });
    expect(two).toEqual({
      featureName: 'HOMEPAGE_AB_TEST',
      enabled: false,
      reason: { kind: 'consistent_hash', percentage: 0.5, bucket: expect.any(Number), hashed: '[["user_id", 2]]' },
    });
    expect(two.reason.kind === 'consistent_hash' && two.reason.bucket > 50).toBe(true);
    expect((await features.explain('HOMEPAGE_AB_TEST', { user_id: 1 })).enabled).toBe(true);
  });

  it('names the conditions in play, or the check that failed', async () => {
    const features = await seedExample();
    expect(await features.explain('HOMEPAGE_AB_TEST', { user_id: 2, is_admin: true })).toEqual({
      featureName: 'HOMEPAGE_AB_TEST',
      enabled: true,
      reason: { kind: 'conditions_matched', conditions: [0] },
    });
    expect(await features.explain('HOMEPAGE_AB_TEST', { is_admin: true, age: 12 })).toEqual({
      featureName: 'HOMEPAGE_AB_TEST',
      enabled: false,
      reason: { kind: 'condition_failed', failed: { condition: 1, variable: 'age', operator: 'gte', value: 18, given: 12 } },
    });
  });

  it("follows Python 1.x's rule with unmatchedConditions 'enable'", async () => {
    const features = await seedExample({ unmatchedConditions: 'enable' });
    expect(await features.explain('HOMEPAGE_AB_TEST', { user_id: 2 })).toEqual({
      featureName: 'HOMEPAGE_AB_TEST',
      enabled: true,
      reason: { kind: 'unmatched_conditions' },
    });
  });

  it('tells a missing, a disabled, an always-on flag and one whose rules did not apply apart', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    expect(await features.explain('NOPE', {}, { default: true })).toEqual({ featureName: 'NOPE', enabled: true, reason: { kind: 'missing' } });
    await features.create('OFF');
    expect((await features.explain('OFF')).reason).toEqual({ kind: 'disabled' });
    await features.create('ON', { isEnabled: true });
    expect(await features.explain('ON')).toEqual({ featureName: 'ON', enabled: true, reason: { kind: 'always_on' } });
    await features.addCondition('ON', new Condition({ country: 'NL' }));
    expect((await features.explain('ON', { user_id: 3 })).reason).toEqual({ kind: 'no_rule_applied' });
    await features.setBucketer('ON', new PercentageBucketer({ percentage: new Percentage(0) }));
    expect(await features.explain('ON')).toEqual({ featureName: 'ON', enabled: false, reason: { kind: 'percentage', percentage: 0 } });
  });

  it('rejects with a StoreError naming the flag when the store fails', async () => {
    const store = new FailingStore();
    const features = new FeatureFlagClient(store);
    store.failure = storeDown();
    await expect(features.explain('F')).rejects.toBeInstanceOf(StoreError);
  });
});

describe('describeExplanation', () => {
  it('says in one sentence which rule decided', async () => {
    const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const flag = await features.create('AB', { isEnabled: true });
    await flag.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
    await flag.addCondition(new Condition({ age__gte: 18 }));
    const hashed = await features.explain('AB', { user_id: 2 });
    const bucket = hashed.reason.kind === 'consistent_hash' ? hashed.reason.bucket : NaN;
    expect(describeExplanation(hashed)).toBe(`off: [["user_id", 2]] hashes to bucket ${bucket} of 100, outside 50%`);
    expect(describeExplanation(await features.explain('AB', { age: 12 }))).toBe('off: age=12 fails age gte 18 (condition 1)');
    expect(describeExplanation(await features.explain('AB', { age: 30 }))).toBe('on: condition 1 matched');
    expect(describeExplanation(await features.explain('GONE'))).toBe('off: no such flag, so the default');
  });
});
