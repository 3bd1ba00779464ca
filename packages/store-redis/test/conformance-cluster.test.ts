import { afterAll, beforeAll } from '@jest/globals';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { startRedisCluster, type RedisCluster } from '@flipper-client/redis-server';
import { Cluster } from 'ioredis';
import { conformanceHandle } from './support/conformance-wiring.js';

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
