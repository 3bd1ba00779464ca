import { afterAll, beforeAll } from '@jest/globals';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { ConsulFeatureFlagStore } from '../src/index.js';
import { deleteTree, kvCall, putRaw, startConsulTarget, uniqueBaseKey, type ConsulTarget } from './support/consul-target.js';

let target: ConsulTarget;
beforeAll(async () => {
  target = await startConsulTarget();
});
afterAll(async () => {
  await target.stop();
});

const WRITES = new Set(['create', 'set', 'delete', 'setMeta', 'update', 'put']);

/**
 * A second process's store. The suite reads the first store right after a peer's writes, which
 * assumes reads go to the backend; ours come from a watched copy that catches up a moment later.
 * So each peer write ends with the first store's `refresh()` — the peers themselves are separate
 * stores on separate clients, and their writes race for real.
 */
function peerOf(peer: ConsulFeatureFlagStore, first: ConsulFeatureFlagStore): FeatureFlagStore {
  return new Proxy(peer, {
    get(store, property, receiver) {
      const value: unknown = Reflect.get(store, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !WRITES.has(property)) return value.bind(store);
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(store, args);
        await first.refresh();
        return result;
      };
    },
  });
}

describeStoreConformance(
  'consul',
  {
    createStore: () => {
      const baseKey = uniqueBaseKey('conformance');
      const options = { baseKey, token: target.token, minWatchIntervalMs: 0 };
      const raw = target.client();
      const store = new ConsulFeatureFlagStore(target.client(), options);
      return {
        store,
        connect: async () => peerOf(new ConsulFeatureFlagStore(target.client(), options), store),
        writeRaw: async (featureName, text) => {
          await putRaw(raw, `${baseKey}/${featureName}`, text, target.token);
          await store.refresh();
        },
        readRaw: async (featureName) => {
          const stored = (await kvCall(raw, 'get', { key: `${baseKey}/${featureName}`, token: target.token })) as { Value?: string } | undefined;
          return stored?.Value ?? undefined;
        },
        cleanup: () => deleteTree(raw, baseKey, target.token),
      };
    },
  },
  { changeFeed: true, syncReads: true, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);
