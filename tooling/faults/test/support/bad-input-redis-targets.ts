import { MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { ReplicatedFeatureFlagStore } from '@flipper-client/store-replicated';
import { Redis } from 'ioredis';
import { openStore, type OpenedStore } from '../../src/index.js';
import { memorySnapshot, redisSnapshot } from './bad-input-backends.js';
import { NO_UNSUPPORTED_NAMES as noName, type TargetFactory } from './bad-input-target.js';

// The targets whose flags end up in the file's Redis: the Redis store (plain or wrapped), Thrift
// over Redis, and the replicated store with a Redis primary.

/** A Redis store (optionally wrapped) at `bad/<name>` on the file's own Redis server. */
export function redisFactory(label: string, wrap: (store: RedisFeatureFlagStore) => FeatureFlagStore | undefined): TargetFactory {
  return {
    label,
    rawDocuments: true,
    listReportsInvalid: true,
    reportsCorruptOnEvaluation: true,
    unsupportedNames: noName,
    async open({ redis, raw }) {
      const client = new Redis(redis.port, redis.host);
      let inner: RedisFeatureFlagStore | undefined;
      let store: FeatureFlagStore | undefined;
      const closeStores = async (): Promise<void> => {
        await store?.close?.();
        await inner?.close();
      };
      return {
        async reset() {
          await closeStores();
          await raw.flushdb();
          inner = new RedisFeatureFlagStore(client, { baseKey: 'bad' });
          store = wrap(inner) ?? inner;
          return store;
        },
        snapshot: () => redisSnapshot(raw),
        keysOf: (name) => [`bad/${name}`],
        writeRaw: async (name, text) => void (await raw.set(`bad/${name}`, text)),
        async close() {
          await closeStores();
          client.disconnect();
        },
      };
    },
  };
}

export const thrift: TargetFactory = {
  label: 'thrift',
  rawDocuments: true,
  listReportsInvalid: false,
  reportsCorruptOnEvaluation: true,
  unsupportedNames: noName,
  async open({ thrift: server, thriftBaseKey, raw }) {
    const opened: OpenedStore = await openStore({ kind: 'thrift', host: server.host, port: server.port, reconnect: false });
    return {
      async reset() {
        await raw.flushdb();
        return opened.store;
      },
      snapshot: () => redisSnapshot(raw),
      keysOf: (name) => [`${thriftBaseKey}/${name}`],
      writeRaw: async (name, text) => void (await raw.set(`${thriftBaseKey}/${name}`, text)),
      close: () => opened.close(),
    };
  },
};

export const replicated: TargetFactory = {
  label: 'replicated (redis → memory)',
  rawDocuments: true,
  listReportsInvalid: true,
  reportsCorruptOnEvaluation: true,
  unsupportedNames: noName,
  async open({ redis, raw }) {
    const client = new Redis(redis.port, redis.host);
    let replica = new MemoryFeatureFlagStore();
    let store: ReplicatedFeatureFlagStore | undefined;
    return {
      async reset() {
        await store?.close();
        await raw.flushdb();
        replica = new MemoryFeatureFlagStore();
        store = new ReplicatedFeatureFlagStore(new RedisFeatureFlagStore(client, { baseKey: 'bad' }), [replica], { asynch: false, closeStores: true });
        return store;
      },
      async snapshot() {
        return new Map([...(await redisSnapshot(raw)), ...(await memorySnapshot(replica, 'replica:'))]);
      },
      keysOf: (name) => [`bad/${name}`, `replica:${name}`],
      writeRaw: async (name, text) => void (await raw.set(`bad/${name}`, text)),
      async close() {
        await store?.close();
        client.disconnect();
      },
    };
  },
};
