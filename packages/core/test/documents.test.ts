import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError } from '../src/index.js';
import { decodeDocument, decodeMeta } from '../src/store-entry.js';

function documentWith(meta: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ feature_name: 'F', is_enabled: true, meta, ...extra });
}

function failure(text: string): InvalidDocumentError {
  try {
    decodeDocument('F', text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDocumentError);
    return error as InvalidDocumentError;
  }
  throw new Error('expected the document to be rejected');
}

describe('decoding stored documents', () => {
  it.each([
    ['truncated JSON', '{"feature_name": "F", "is_en', 'document', /not valid JSON/],
    ['a foreign shape', '{"name": "F"}', 'feature_name', /expected a string, found nothing \(the member is missing\)$/],
    ['a check without its variable', documentWith({ conditions: [{ a: [{ value: 1 }] }] }), 'meta.conditions[0].a[0].variable', /expected a string, found nothing \(the member is missing\)$/],
    ['a number where a string goes', documentWith({ bucketer: { type: 'ConsistentHashPercentageBucketer', key_whitelist: [7], percentage: { type: 'Percentage', value: 0.5 } } }), 'meta.bucketer.key_whitelist[0]', /expected a string, found the number 7$/],
    ['another flag', JSON.stringify({ feature_name: 'G', is_enabled: true, meta: {} }), 'feature_name', /for "G"/],
    ['a string switch', JSON.stringify({ feature_name: 'F', is_enabled: 'yes', meta: {} }), 'is_enabled', /expected a boolean/],
    ['an unknown bucketer', documentWith({ bucketer: { type: 'Coin' } }), 'meta.bucketer.type', /unknown bucketer type "Coin"/],
    [
      'an unknown percentage',
      documentWith({ bucketer: { type: 'PercentageBucketer', percentage: { type: 'Sigmoid' } } }),
      'meta.bucketer.percentage.type',
      /unknown percentage type/,
    ],
    [
      'a share out of range',
      documentWith({ bucketer: { type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 7 } } }),
      'meta.bucketer.percentage.value',
      /in \[0, 1\]/,
    ],
    [
      'an unknown operator',
      documentWith({ conditions: [{ a: [{ variable: 'a', value: 1, operator: 'like' }] }] }),
      'meta.conditions[0].a[0].operator',
      /unknown operator "like"/,
    ],
    ['a __proto__ key in client data', '{"feature_name": "F", "is_enabled": true, "meta": {"client_data": {"__proto__": {"x": 1}}}}', 'meta.client_data', /"__proto__"/],
    ['conditions that are not a list', documentWith({ conditions: {} }), 'meta.conditions', /expected an array/],
  ])('rejects %s, naming the flag and the part', (_label, text, part, message) => {
    const error = failure(text);
    expect(error.featureName).toBe('F');
    expect(error.part).toBe(part);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('flag "F"');
  });

  it('accepts older documents without conditions or bucketer', () => {
    const item = decodeDocument('F', documentWith({ client_data: { a: 1 }, created_date: 1 }));
    expect(item.meta.conditions).toEqual([]);
    expect(item.meta.bucketer.type).toBe('NoOpBucketer');
    expect(item.evaluate({ anything: 1 })).toBe(true);
  });

  it('decodes bytes as UTF-8', () => {
    const text = JSON.stringify({ feature_name: 'ü', is_enabled: false, meta: {} });
    expect(decodeDocument('ü', new TextEncoder().encode(text)).featureName).toBe('ü');
  });

  it('decodes a meta object in stored shape', () => {
    const meta = decodeMeta('F', { client_data: {}, created_date: 5, conditions: [], bucketer: { type: 'NoOpBucketer' } });
    expect(meta.createdDate).toBe(5);
  });
});
