import { afterAll, beforeAll } from '@jest/globals';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';

/** A `redis-server` of this test file and one shared connection, started before its tests and stopped after them. */
export function useRedis(): () => { server: RedisServer; shared: Redis } {
  let server: RedisServer | undefined;
  let shared: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    shared = new Redis(server.port, server.host);
  });
  afterAll(async () => {
    await shared?.quit();
    await server?.stop();
  });
  return () => {
    if (server === undefined || shared === undefined) throw new Error('redis fixture: used outside a test');
    return { server, shared };
  };
}
