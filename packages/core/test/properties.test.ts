import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  FlipperError,
  LinearRampPercentage,
  MemoryFeatureFlagStore,
  NoOpBucketer,
  Percentage,
  PercentageBucketer,
  type Bucketer,
  type JsonObject,
} from '../src/index.js';
import { FeatureFlagMeta, FeatureFlagStoreItem, decodeDocument, encodeDocument } from '../src/store-entry.js';
import { CONDITION_OPERATORS } from '../src/condition.js';

const safeKey = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !['__proto__', 'constructor', 'prototype'].includes(key));
const json = fc.jsonValue({ maxDepth: 3 }).filter((value) => !JSON.stringify(value).match(/"(__proto__|constructor|prototype)":/));
const jsonObject = fc.dictionary(safeKey, json, { maxKeys: 5 }) as fc.Arbitrary<JsonObject>;
const share = fc.double({ min: 0, max: 1, noNaN: true });
const percentage = fc.oneof(
  share.map((value) => new Percentage(value)),
  fc
    .record({ initialValue: share, finalValue: share, rampDuration: fc.nat(10_000), initialTime: fc.nat(2_000_000_000) })
    .map((options) => new LinearRampPercentage(options)),
);
const bucketer: fc.Arbitrary<Bucketer> = fc.oneof(
  fc.constant(new NoOpBucketer()),
  percentage.map((p) => new PercentageBucketer({ percentage: p })),
  fc.record({ p: percentage, keys: fc.array(safeKey, { maxLength: 3 }) }).map(
    ({ p, keys }) => new ConsistentHashPercentageBucketer({ percentage: p, keyWhitelist: keys }),
  ),
);
const variable = fc.string({ minLength: 1, maxLength: 8 }).filter((name) => !name.includes('__'));
const condition = fc
  .array(fc.record({ variable, operator: fc.constantFrom('', ...CONDITION_OPERATORS), value: json }), { minLength: 1, maxLength: 3 })
  .map((checks) => new Condition(Object.fromEntries(checks.map((c) => [c.operator ? `${c.variable}__${c.operator}` : c.variable, c.value]))));
const flagName = fc.string({ minLength: 1, maxLength: 40 }).filter((name) => !/[\ud800-\udfff]/.test(name));
const item = fc
  .record({
    name: flagName,
    enabled: fc.boolean(),
    createdDate: fc.nat(2_000_000_000),
    clientData: jsonObject,
    conditions: fc.array(condition, { maxLength: 3 }),
    bucketer,
  })
  .map(
    ({ name, enabled, ...meta }) => new FeatureFlagStoreItem(name, enabled, new FeatureFlagMeta(meta)),
  );

describe('properties', () => {
  it('any valid flag survives encode → store → decode unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(item, async (flag) => {
        const text = encodeDocument(flag);
        const decoded = decodeDocument(flag.featureName, text);
        expect(JSON.stringify(decoded.toJSON())).toBe(JSON.stringify(flag.toJSON()));
        expect(encodeDocument(decoded)).toBe(text);
        const store = new MemoryFeatureFlagStore();
        await store.create(flag.featureName);
        await store.setMeta(flag.featureName, decoded.meta);
        await store.set(flag.featureName, flag.enabled);
        expect(encodeDocument((await store.get(flag.featureName))!)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('evaluation never throws for any JSON checks, and isEnabled never rejects for any checks at all', async () => {
    const anyValue = fc.oneof(json, fc.anything(), fc.constant(() => 1), fc.bigInt());
    await fc.assert(
      fc.asyncProperty(item, fc.dictionary(fc.string({ maxLength: 8 }), json), fc.dictionary(fc.string({ maxLength: 8 }), anyValue), async (flag, checks, wild) => {
        expect(typeof flag.evaluate(checks)).toBe('boolean');
        expect(typeof flag.evaluate(checks, 'enable')).toBe('boolean');
        const store = new MemoryFeatureFlagStore();
        await store.create(flag.featureName);
        await store.update(flag.featureName, () => flag);
        const features = new FeatureFlagClient(store);
        features.events.on('error', () => undefined);
        await expect(features.isEnabled(flag.featureName, wild)).resolves.toEqual(expect.any(Boolean));
      }),
      { numRuns: 300 },
    );
  });

  it('decoding arbitrary JSON yields a flag or a typed error, nothing else', () => {
    const documentish = fc.oneof(
      fc.jsonValue(),
      fc.record({ feature_name: fc.constant('F'), is_enabled: fc.oneof(fc.boolean(), fc.jsonValue()), meta: fc.jsonValue() }),
      item.map((flag) => JSON.parse(encodeDocument(flag.withMeta(flag.meta))) as unknown).chain((doc) =>
        fc.constantFrom(doc, { ...(doc as object), feature_name: 'F' }),
      ),
    );
    fc.assert(
      fc.property(documentish, fc.string(), (document, garbage) => {
        for (const text of [JSON.stringify(document), garbage, JSON.stringify(document).slice(0, garbage.length)]) {
          try {
            const decoded = decodeDocument('F', text);
            expect(decoded).toBeInstanceOf(FeatureFlagStoreItem);
          } catch (error) {
            expect(error).toBeInstanceOf(FlipperError);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
