import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import { encodeDocument, hasCreateIfAbsent, hasHistory, type FeatureFlagStore } from '@flipper-client/core/store';
import { collect, describeHistoryConformance, FaultyStore } from '@flipper-client/test-suite';
import { ReplicatedFeatureFlagStore } from '../src/index.js';

async function documents(store: FeatureFlagStore): Promise<string[]> {
  return (await collect(store.list())).map((item) => encodeDocument(item)).sort();
}

// History is the primary's, as reads are; after every test each replica holds the primary's flags.
describeHistoryConformance(
  'replicated memory',
  {
    createStore: (retention) => {
      const primary = new MemoryFeatureFlagStore({ history: retention });
      const replicas = [new MemoryFeatureFlagStore(), new MemoryFeatureFlagStore()];
      const store = new ReplicatedFeatureFlagStore(primary, replicas);
      return {
        store,
        cleanup: async () => {
          await store.flush();
          const expected = await documents(primary);
          for (const replica of replicas) expect(await documents(replica)).toEqual(expected);
        },
      };
    },
  },
  { writeRaw: false },
);

describe('replicated history', () => {
  it("records the writer's actor on the primary and on every replica, a rollback included", async () => {
    const primary = new MemoryFeatureFlagStore();
    const withPut = new MemoryFeatureFlagStore();
    const withoutPut = new MemoryFeatureFlagStore();
    const store = new ReplicatedFeatureFlagStore(primary, [withPut, new FaultyStore(withoutPut, { put: false })]);
    const client = new FeatureFlagClient(store, { actor: 'user:fay' });
    await client.create('F', { clientData: { v: 1 } });
    const [created] = await client.history('F');
    await client.enable('F');
    await client.as('user:gus').rollback('F', created!.id!);
    for (const replica of [withPut, withoutPut]) {
      expect(await replica.storedDocument('F')).toBe(created!.after);
      const entries = await replica.history('F');
      expect(entries[0]!.actor).toBe('user:gus');
      expect(new Set(entries.map((entry) => entry.actor))).toEqual(new Set(['user:fay', 'user:gus']));
    }
  });

  it('creates if absent once on the primary, then on the replicas', async () => {
    const primary = new MemoryFeatureFlagStore();
    const replica = new MemoryFeatureFlagStore();
    const client = new FeatureFlagClient(new ReplicatedFeatureFlagStore(primary, [replica]));
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => client.createIfAbsent('ONCE', { clientData: { i } })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await replica.storedDocument('ONCE')).toBe(await primary.storedDocument('ONCE'));
  });

  it('offers neither capability over a primary without them', () => {
    const store = new ReplicatedFeatureFlagStore(new FaultyStore(new MemoryFeatureFlagStore()), [new MemoryFeatureFlagStore()]);
    expect(hasHistory(store)).toBe(false);
    expect(hasCreateIfAbsent(store)).toBe(false);
  });
});
