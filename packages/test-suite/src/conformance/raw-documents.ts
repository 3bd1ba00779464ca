import { describe, expect, it } from '@jest/globals';
import { InvalidDocumentError, type FlipperError } from '@flipper-client/core';
import { encodeDocument } from '@flipper-client/core/store';
import { collect } from '../collect.js';
import type { ConformanceContext } from './context.js';
import { PYTHON_DOCUMENTS } from './python-documents.js';

const CORRUPT_DOCUMENTS: Record<string, string> = {
  'not JSON': '{"feature_name": "BAD", "is_enabled": tr',
  'a foreign document': '{"name": "BAD", "on": true}',
  'an unknown bucketer': JSON.stringify({
    feature_name: 'BAD',
    is_enabled: true,
    meta: { client_data: {}, created_date: 1, conditions: [], bucketer: { type: 'MysteryBucketer' } },
  }),
  'an unknown operator': JSON.stringify({
    feature_name: 'BAD',
    is_enabled: true,
    meta: {
      client_data: {},
      created_date: 1,
      conditions: [{ age: [{ variable: 'age', value: 1, operator: 'regex' }] }],
      bucketer: { type: 'NoOpBucketer' },
    },
  }),
};

/** Documents the store did not write itself: Python's, and corrupt ones. Needs `writeRaw`. */
export function registerRawDocumentTests(ctx: ConformanceContext): void {
  describe('documents written by others', () => {
    it.each(PYTHON_DOCUMENTS.map((doc) => [JSON.parse(doc.text).feature_name as string, doc] as const))(
      'reads the Python-written document %s and evaluates it as Python did',
      async (name, doc) => {
        await ctx.handle.writeRaw!(name, doc.text);
        const item = await ctx.store.get(name);
        expect(item?.featureName).toBe(name);
        expect(encodeDocument(item!)).toBe(doc.text);
        for (const evaluation of doc.evaluations) expect(item!.evaluate(evaluation.checks)).toBe(evaluation.enabled);
      },
    );

    it.each(Object.entries(CORRUPT_DOCUMENTS))('rejects %s with an InvalidDocumentError naming the flag', async (_label, text) => {
      await ctx.handle.writeRaw!('BAD', text);
      const failure = await ctx.store.get('BAD').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(InvalidDocumentError);
      expect((failure as InvalidDocumentError).featureName).toBe('BAD');
      expect((failure as Error).message).toContain('"BAD"');
    });

    it('lists the good flags past a corrupt one and reports it', async () => {
      await ctx.store.create('GOOD_1');
      await ctx.handle.writeRaw!('BAD', CORRUPT_DOCUMENTS['not JSON']!);
      await ctx.store.create('GOOD_2');
      const invalid: FlipperError[] = [];
      const listed = await collect(ctx.store.list({ onInvalid: (error) => invalid.push(error) }));
      expect(listed.map((item) => item.featureName).sort()).toEqual(['GOOD_1', 'GOOD_2']);
      expect(invalid.map((error) => error.featureName)).toEqual(['BAD']);
    });
  });
}
