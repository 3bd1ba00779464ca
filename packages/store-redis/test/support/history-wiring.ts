import type { HistoryRetention } from '@flipper-client/core/store';
import type { ConformanceStoreHandle } from '@flipper-client/test-suite';
import { RedisFeatureFlagStore, type RedisClient } from '../../src/index.js';
import { uniqueBaseKey } from './namespaces.js';

/** A history conformance handle over `shared` with a fresh base key; peers get connections of their own. */
export function historyHandle(shared: () => RedisClient, connect: () => RedisClient, retention: HistoryRetention): ConformanceStoreHandle {
  const baseKey = uniqueBaseKey('history');
  const store = new RedisFeatureFlagStore(shared(), { baseKey, history: retention });
  return {
    store,
    connect: async () => new RedisFeatureFlagStore(connect(), { baseKey, history: retention, closeClient: true }),
    writeRaw: async (featureName, text) => {
      await shared().set(store.keyOf(featureName), text);
    },
    readRaw: async (featureName) => (await shared().get(store.keyOf(featureName))) ?? undefined,
  };
}
