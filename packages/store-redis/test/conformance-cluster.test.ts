import { afterAll, beforeAll } from '@jest/globals';
import { describeStoreConformance, describeUsageConformance } from '@flipper-client/test-suite';
import { startRedisCluster, type RedisCluster } from '@flipper-client/redis-server';
import { Cluster } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { conformanceHandle } from './support/conformance-wiring.js';
import { uniqueBaseKey } from './support/namespaces.js';

let cluster: RedisCluster;
let shared: Cluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
  shared = new Cluster([...cluster.startupNodes]);
});

afterAll(async () => {
  await shared?.quit();
  await cluster?.stop();
});

describeStoreConformance(
  'redis (3-master cluster)',
  {
    createStore: () => conformanceHandle(() => shared, () => new Cluster([...cluster.startupNodes])),
    concurrentWriters: 20,
    changeFeedTimeoutMs: 1000,
  },
  { changeFeed: true, syncReads: false, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);

// Usage counts on the cluster: a flush is one pipeline on one day hash, so one slot.
describeUsageConformance('redis (3-master cluster)', {
  createStore: () => {
    const store = new RedisFeatureFlagStore(shared, { baseKey: uniqueBaseKey('usage') });
    return { store, cleanup: () => store.close() };
  },
});
