import { afterAll, beforeAll } from '@jest/globals';
import { describeHistoryConformance } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { historyHandle } from './support/history-wiring.js';

let server: RedisServer;
let shared: Redis;

beforeAll(async () => {
  server = await startRedis();
  shared = new Redis(server.port, server.host);
});

afterAll(async () => {
  await shared?.quit();
  await server?.stop();
});

describeHistoryConformance('redis (single server)', {
  createStore: (retention) => historyHandle(() => shared, () => new Redis(server.port, server.host), retention),
  concurrentWriters: 24,
  concurrentCreates: 20,
});
