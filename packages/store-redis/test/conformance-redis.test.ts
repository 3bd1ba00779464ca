import { afterAll, beforeAll } from '@jest/globals';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { conformanceHandle } from './support/conformance-wiring.js';

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

describeStoreConformance(
  'redis (single server)',
  {
    createStore: () => conformanceHandle(() => shared, () => new Redis(server.port, server.host)),
    concurrentWriters: 24,
    changeFeedTimeoutMs: 1000,
  },
  { changeFeed: true, syncReads: false, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);
