import { describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore } from '../src/index.js';
import { encodeDocument } from '../src/store-entry.js';

// The store contract itself is checked by @flipper-client/test-suite, which runs its
// conformance suite against this store; here is what is particular to the memory store.

async function listedNames(store: MemoryFeatureFlagStore): Promise<string[]> {
  const names: string[] = [];
  for await (const item of store.list()) names.push(item.featureName);
  return names;
}

describe('memory store', () => {
  it('lists in name order', async () => {
    const store = new MemoryFeatureFlagStore();
    for (const name of ['b', 'a', '🚩', 'c', '\uffff']) await store.create(name);
    // Code point order, as Python sorts: U+FFFF comes before U+1F6A9.
    expect(await listedNames(store)).toEqual(['a', 'b', 'c', '\uffff', '🚩']);
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
