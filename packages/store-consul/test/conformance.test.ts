import { afterAll, beforeAll } from '@jest/globals';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { ConsulFeatureFlagStore } from '../src/index.js';
import { deleteTree, kvCall, putRaw, startConsulTarget, uniqueBaseKey, type ConsulTarget } from './support/consul-target.js';
import { peerOf } from './support/peer.js';

let target: ConsulTarget;
beforeAll(async () => {
  target = await startConsulTarget();
});
afterAll(async () => {
  await target.stop();
});

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
