import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';
import { errorOf, startAdmin, type RunningAdmin } from './support/admin-server.js';
import { RedisPeer } from './support/redis-peer.js';

/*
 * The API over a real Redis: documents written as the Python library writes them, refused
 * requests that leave the stored bytes alone, a write seen by another process's cached store
 * through the change feed, and an outage answered with 503.
 */
const BASE_KEY = 'admin-api';
let server: RedisServer;
let raw: Redis;
let storeClient: Redis;
let admin: RunningAdmin;
let peer: RedisPeer;

beforeAll(async () => {
  server = await startRedis();
  raw = new Redis({ host: server.host, port: server.port });
  storeClient = new Redis({ host: server.host, port: server.port, maxRetriesPerRequest: 1 });
  const store = new RedisFeatureFlagStore(storeClient, { baseKey: BASE_KEY, commandTimeoutMs: 500 });
  admin = await startAdmin({ store });
  await admin.call('POST', '/api/flags', { json: { name: 'SHARED', enabled: false } });
  peer = await RedisPeer.start(server.host, server.port, BASE_KEY);
});

afterAll(async () => {
  await peer?.stop();
  await admin?.stop();
  await admin?.client.store.close?.();
  await storeClient?.quit().catch(() => undefined);
  await raw?.quit().catch(() => undefined);
  await server?.stop();
});

describe('over Redis', () => {
  it('stores what the API creates at <baseKey>/<name> in the shared document format', async () => {
    await admin.call('POST', '/api/flags', { json: { name: 'DOC', enabled: true, clientData: { a: 1 } } });
    const text = await raw.get(`${BASE_KEY}/DOC`);
    expect(text).toMatch(/^\{"feature_name": "DOC", "is_enabled": true, "meta": \{"client_data": \{"a": 1\}, "created_date": \d+, "conditions": \[\], "bucketer": \{"type": "NoOpBucketer"\}\}\}$/);
    const listed = (await admin.call('GET', '/api/flags?q=doc')).body as { flags: { name: string; enabled: boolean }[] };
    expect(listed.flags).toEqual([expect.objectContaining({ name: 'DOC', enabled: true })]);
  });

  it('leaves the stored bytes identical after refused conditions, bucketers and client data', async () => {
    await admin.call('PUT', '/api/flags/DOC/bucketer', { json: { type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 0.5 } } });
    const before = await raw.get(`${BASE_KEY}/DOC`);
    const refused = [
      await admin.call('PUT', '/api/flags/DOC/conditions', { json: { conditions: [{ x: [{ variable: 'x', operator: 'like', value: 1 }] }] } }),
      await admin.call('PUT', '/api/flags/DOC/bucketer', { json: { type: 'PercentageBucketer', percentage: { type: 'Percentage', value: -0.1 } } }),
      await admin.call('PATCH', '/api/flags/DOC/client-data', { json: JSON.parse('{"ok": 1, "constructor": {"prototype": {}}}') }),
      await admin.call('POST', '/api/flags', { json: { name: 'DOC' } }),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([400, 400, 400, 409]);
    expect(await raw.get(`${BASE_KEY}/DOC`)).toBe(before);
  });

  it("shows an API write to another process's cached store, through the change feed, within a second", async () => {
    expect(peer.pid).not.toBe(process.pid);
    const seen = peer.awaitValue('SHARED', true, 1000);
    expect((await admin.call('POST', '/api/flags/SHARED/enable')).status).toBe(200);
    const afterMs = await seen;
    expect(afterMs).toBeDefined();
    expect(afterMs!).toBeLessThan(1000);
  });

  it('answers 503 STORE_UNAVAILABLE with the store and its error code when Redis is down, and a page that says so', async () => {
    await server.pause();
    try {
      const answer = await admin.call('GET', '/api/flags/SHARED');
      expect(answer.status).toBe(503);
      const error = errorOf(answer);
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', flag: 'SHARED', store: 'redis' });
      expect(typeof error.storeCode).toBe('string');
      expect(error.cause).toContain('redis store: get failed');
      expect(answer.text).not.toMatch(/\n\s+at /);
      const list = await admin.call('GET', '/api/flags');
      expect(list.status).toBe(503);
      const page = await admin.call('GET', '/');
      expect(page.status).toBe(503);
      expect(page.text).toContain('The flag store is unreachable');
      expect(page.text).toContain('The redis store could not be reached');
      const write = await admin.call('POST', '/api/flags/SHARED/disable');
      expect(write.status).toBe(503);
    } finally {
      await server.resume();
    }
    expect(await raw.get(`${BASE_KEY}/SHARED`)).toContain('"is_enabled": true');
    expect((await admin.call('GET', '/api/flags/SHARED')).status).toBe(200);
  });
});
