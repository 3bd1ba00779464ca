import { afterAll, beforeAll } from '@jest/globals';
import { describeHistoryConformance } from '@flipper-client/test-suite';
import { startRedisCluster, type RedisCluster } from '@flipper-client/redis-server';
import { Cluster } from 'ioredis';
import { historyHandle } from './support/history-wiring.js';

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

describeHistoryConformance('redis (3-master cluster)', {
  createStore: (retention) => historyHandle(() => shared, () => new Cluster([...cluster.startupNodes]), retention),
  concurrentWriters: 24,
  concurrentCreates: 20,
});
