import { afterAll, beforeAll } from '@jest/globals';
import { describeUsageConformance } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

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

describeUsageConformance('redis (single server)', {
  createStore: () => {
    const store = new RedisFeatureFlagStore(shared, { baseKey: uniqueBaseKey('usage') });
    return { store, cleanup: () => store.close() };
  },
});
