import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '../src/index.js';
import { decodeDocument, encodeDocument } from '../src/store-entry.js';
import { readVectors, type DocumentVector } from './support/vectors.js';

const { documents } = readVectors<{ documents: DocumentVector[] }>('documents.json');

function nameOf(document: string): string {
  return (JSON.parse(document) as { feature_name: string }).feature_name;
}

/** Python writes integral floats in condition values as `32.0`; JavaScript cannot keep the `.0`. */
function withoutIntegralFloatFraction(text: string): string {
  return text.replace(/("value": -?\d+)\.0(?=, "operator")/g, '$1');
}

describe('documents written by the Python library (documents.json)', () => {
  it('holds 300 documents and 3,600 evaluations', () => {
    expect(documents.length).toBe(300);
    expect(documents.reduce((sum, doc) => sum + doc.evaluations.length, 0)).toBe(3600);
  });

  it('decodes every document and writes it back byte for byte', () => {
    const different: string[] = [];
    for (const { document } of documents) {
      const encoded = encodeDocument(decodeDocument(nameOf(document), document));
      if (encoded !== document && encoded !== withoutIntegralFloatFraction(document)) different.push(document);
    }
    expect(different.slice(0, 3)).toEqual([]);
  });

  it.each([
    ['bucket', 'enabled_documented'],
    ['enable', 'enabled'],
  ] as const)('evaluates every case as expected with unmatchedConditions %s (%s)', async (mode, field) => {
    const store = new MemoryFeatureFlagStore();
    const features = new FeatureFlagClient(store, { unmatchedConditions: mode });
    const errors: unknown[] = [];
    features.events.on('error', (event) => errors.push(event.error));
    let evaluations = 0;
    const wrong: unknown[] = [];
    for (const { document, evaluations: cases } of documents) {
      const item = decodeDocument(nameOf(document), document);
      await store.create(item.featureName);
      await store.update(item.featureName, () => item);
      for (const evaluation of cases) {
        evaluations++;
        // Where Python raised TypeError, the port answers false without throwing.
        const expected = evaluation[field] === 'error' ? false : evaluation[field];
        const actual = await features.isEnabled(item.featureName, evaluation.checks);
        if (actual !== expected) wrong.push({ document, checks: evaluation.checks, expected, actual });
      }
    }
    expect(evaluations).toBe(3600);
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
