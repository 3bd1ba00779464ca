import { describe, expect, it } from '@jest/globals';
import type { ThroughputScenario, ThroughputSubject } from '../src/scenario.js';
import { createSelection } from '../src/selection.js';

function subject(id: string, library: string): ThroughputSubject {
  return { id, library, call: 'call()', mode: 'sync', setup: () => Promise.reject(new Error('not run in this test')) };
}

function scenario(id: string, title: string): ThroughputScenario {
  return {
    kind: 'throughput',
    id,
    title,
    description: '',
    order: 1,
    baseline: 'unleash',
    checkAnswers: () => undefined,
    subjects: [subject('flipper-async', 'flipper (memory store)'), subject('unleash', 'unleash-client 6'), subject('growthbook', 'growthbook 1')],
  };
}

const plain = scenario('plain', 'plain enabled flag');
const hash = scenario('consistent-hash', '50% consistent hash');
const ids = (rows: readonly ThroughputSubject[] | undefined): string[] | undefined => rows?.map((row) => row.id);

describe('createSelection', () => {
  it('selects everything without a filter', () => {
    const selection = createSelection(undefined, [plain, hash]);
    expect(ids(selection.rows(plain, plain.subjects))).toEqual(['flipper-async', 'unleash', 'growthbook']);
  });

  it('runs only the named scenarios, whole, when the filter names a scenario', () => {
    const selection = createSelection('HASH', [plain, hash]);
    expect(selection.rows(plain, plain.subjects)).toBeUndefined();
    expect(ids(selection.rows(hash, hash.subjects))).toEqual(['flipper-async', 'unleash', 'growthbook']);
  });

  it('otherwise selects rows by library in every scenario, keeping the baseline', () => {
    const selection = createSelection('growthbook', [plain, hash]);
    expect(ids(selection.rows(plain, plain.subjects))).toEqual(['unleash', 'growthbook']);
    expect(ids(selection.rows(hash, hash.subjects))).toEqual(['unleash', 'growthbook']);
  });

  it('selects nothing in a scenario without a matching row', () => {
    const selection = createSelection('launchdarkly', [plain]);
    expect(selection.rows(plain, plain.subjects)).toBeUndefined();
  });
});
