import { afterAll, beforeAll } from '@jest/globals';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';

/** A `redis-server` of this test file, and ioredis connections to it that are closed with it. */
export interface RedisFixture {
  readonly server: RedisServer;
  /** One connection for the test file's own stores (database 0). */
  readonly shared: Redis;
  /** A new connection of its own, as another process would hold; `db` selects a database. */
  connection(db?: number): Redis;
}

/**
 * Starts a `redis-server` on a free loopback port before the file's tests and stops it, with
 * every connection opened through the fixture, after them. Use the returned getter in tests.
 */
export function useRedis(): () => RedisFixture {
  let fixture: RedisFixture | undefined;
  const connections: Redis[] = [];

  beforeAll(async () => {
    const server = await startRedis();
    const connection = (db = 0): Redis => {
      const redis = new Redis({ host: server.host, port: server.port, db, maxRetriesPerRequest: 1 });
      connections.push(redis);
      return redis;
    };
    fixture = { server, shared: connection(), connection };
  });

  afterAll(async () => {
    // Stores with `closeClient` quit theirs already; disconnecting an ended client again would
    // leave ioredis's disconnect timer behind.
    const open = connections.splice(0).filter((redis) => redis.status !== 'end' && redis.status !== 'close');
    await Promise.all(open.map((redis) => redis.quit().catch(() => undefined)));
    await fixture?.server.stop();
  });

  return () => {
    if (fixture === undefined) throw new Error('redis fixture: used outside a test');
    return fixture;
  };
}

let namespaces = 0;

/** A base key no other test uses, so that every store starts over an empty namespace. */
export function uniqueBaseKey(label: string): string {
  namespaces += 1;
  return `it-${label}-${process.pid}-${namespaces}`;
}
