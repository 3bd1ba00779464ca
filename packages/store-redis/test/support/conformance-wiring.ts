import type { ConformanceStoreHandle } from '@flipper-client/test-suite';
import { RedisFeatureFlagStore, type RedisClient } from '../../src/index.js';
import { uniqueBaseKey } from './namespaces.js';

/**
 * A conformance handle over `shared` (the test file's client) with a fresh base key. Peers get
 * their own connection from `connect`, as another process would, and quit it when closed.
 */
export function conformanceHandle(shared: () => RedisClient, connect: () => RedisClient): ConformanceStoreHandle {
  const baseKey = uniqueBaseKey('conformance');
  const store = new RedisFeatureFlagStore(shared(), { baseKey });
  return {
    store,
    connect: async () => {
      // A peer's first write must find this store's feed subscribed, as it is in a real deployment.
      await store.changeFeedReady();
      return new RedisFeatureFlagStore(connect(), { baseKey, closeClient: true });
    },
    writeRaw: async (featureName, text) => {
      await shared().set(store.keyOf(featureName), text);
    },
    readRaw: async (featureName) => (await shared().get(store.keyOf(featureName))) ?? undefined,
  };
}
