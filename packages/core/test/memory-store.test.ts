import { describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore, encodeDocument } from '../src/index.js';
import { collect, describeStoreConformance } from '../src/testing/index.js';

describeStoreConformance(
  'memory',
  { createStore: () => ({ store: new MemoryFeatureFlagStore() }) },
  { writeRaw: false },
);

describe('memory store', () => {
  it('lists in name order', async () => {
    const store = new MemoryFeatureFlagStore();
    for (const name of ['b', 'a', '🚩', 'c', '\uffff']) await store.create(name);
    // Code point order, as Python sorts: U+FFFF comes before U+1F6A9.
    expect((await collect(store.list())).map((item) => item.featureName)).toEqual(['a', 'b', 'c', '\uffff', '🚩']);
  });

  it('hands out items that cannot be changed behind its back', async () => {
    const store = new MemoryFeatureFlagStore();
    await store.create('FROZEN', { clientData: { nested: { n: 1 } } });
    const item = (await store.get('FROZEN'))!;
    const copy = item.clientData();
    (copy['nested'] as Record<string, number>)['n'] = 2;
    expect(() => {
      (item.meta.clientData['nested'] as Record<string, number>)['n'] = 3;
    }).toThrow(TypeError);
    expect(encodeDocument((await store.get('FROZEN'))!)).toContain('"nested": {"n": 1}');
  });
});
