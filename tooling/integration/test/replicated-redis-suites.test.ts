import { expect } from '@jest/globals';
import { encodeDocument, type FeatureFlagStore } from '@flipper-client/core/store';
import { collect, describeStoreConformance } from '@flipper-client/test-suite';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { ReplicatedFeatureFlagStore } from '@flipper-client/store-replicated';
import { describeReplicatedStoreBehaviour } from '@flipper-client/test-suite/replicated';
import type { Redis } from 'ioredis';
import { uniqueBaseKey, useRedis } from './support/redis.js';

/*
 * The replicated store over real Redis stores, laid out as in the seed's example: the primary
 * on database 0, replicas on databases 1 and 2 of the same server, one base key per test.
 */
const redis = useRedis();
const databases = new Map<number, Redis>();

/** One connection per database for the whole file (stores over it do not close it). */
function database(index: number): Redis {
  let connection = databases.get(index);
  if (connection === undefined) {
    connection = index === 0 ? redis().shared : redis().connection(index);
    databases.set(index, connection);
  }
  return connection;
}

function storesFor(baseKey: string, replicaCount: number): { primary: RedisFeatureFlagStore; replicas: RedisFeatureFlagStore[] } {
  return {
    primary: new RedisFeatureFlagStore(database(0), { baseKey }),
    replicas: Array.from({ length: replicaCount }, (_, i) => new RedisFeatureFlagStore(database(i + 1), { baseKey })),
  };
}

// The replicated store's own behaviour tests (every write reaches every replica as the
// primary's result, failing and slow replicas, background and awaited modes, reads).
describeReplicatedStoreBehaviour('redis (primary db 0, replicas db 1 and 2)', {
  createReplicated: (primary, replicas, settings) => new ReplicatedFeatureFlagStore(primary, replicas, settings),
  createStores: (replicaCount) => storesFor(uniqueBaseKey('replicated-behaviour'), replicaCount),
});

async function documents(store: FeatureFlagStore, leaveOut: ReadonlySet<string>): Promise<string[]> {
  const items = await collect(store.list({ onInvalid: () => undefined }));
  return items.filter((item) => !leaveOut.has(item.featureName)).map((item) => encodeDocument(item)).sort();
}

// The whole store contract through the replicated store (background replication, the default).
// After every test, once replication has drained, each replica must hold exactly the primary's
// flags — apart from documents the suite wrote into the primary's Redis directly, which no
// store wrote and so nothing replicated. There is no second connection: concurrent writers of
// the atomicity group race through this one store (the primary's compare-and-set decides);
// writers in other processes would each replicate their own writes, in no order across the
// replicas (store-replicated's README).
describeStoreConformance(
  'replicated redis (primary db 0, replicas db 1 and 2)',
  {
    createStore: () => {
      const baseKey = uniqueBaseKey('replicated-conformance');
      const { primary, replicas } = storesFor(baseKey, 2);
      const store = new ReplicatedFeatureFlagStore(primary, replicas, { closeStores: true });
      const writtenRaw = new Set<string>();
      return {
        store,
        writeRaw: async (featureName, text) => {
          writtenRaw.add(featureName);
          await database(0).set(primary.keyOf(featureName), text);
        },
        readRaw: async (featureName) => (await database(0).get(primary.keyOf(featureName))) ?? undefined,
        cleanup: async () => {
          const expected = await documents(primary, writtenRaw);
          for (const replica of replicas) expect(await documents(replica, writtenRaw)).toEqual(expected);
        },
      };
    },
    concurrentWriters: 20,
    changeFeedTimeoutMs: 2000,
  },
  { changeFeed: true, syncReads: false, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);
