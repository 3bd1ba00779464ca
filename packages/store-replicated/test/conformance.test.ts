import { expect } from '@jest/globals';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { encodeDocument, type FeatureFlagStore } from '@flipper-client/core/store';
import { collect, describeStoreConformance } from '@flipper-client/test-suite';
import { ReplicatedFeatureFlagStore } from '../src/index.js';

async function documents(store: FeatureFlagStore): Promise<string[]> {
  return (await collect(store.list())).map((item) => encodeDocument(item)).sort();
}

// The replicated store keeps the whole contract (reads, the change feed and sync reads are the
// primary's); after every test each replica must hold exactly the primary's flags.
for (const asynch of [false, true]) {
  describeStoreConformance(
    `replicated memory (asynch: ${asynch})`,
    {
      createStore: () => {
        const primary = new MemoryFeatureFlagStore();
        const replicas = [new MemoryFeatureFlagStore(), new MemoryFeatureFlagStore()];
        const store = new ReplicatedFeatureFlagStore(primary, replicas, { asynch });
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
    { writeRaw: false, readRaw: false },
  );
}
