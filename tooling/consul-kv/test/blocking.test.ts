import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '../src/index.js';
import { rawRequest } from './support/raw-request.js';

let kv: ConsulKvHandle;
const call = (method: string, path: string, body?: string) =>
  rawRequest(kv.url, method, path, body === undefined ? {} : { body });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  kv = await startConsulKv();
});
afterAll(async () => {
  await kv.stop();
});
beforeEach(async () => {
  await call('DELETE', '/v1/kv/?recurse');
});

describe('blocking queries', () => {
  it('holds a prefix query until a write under the prefix, then answers with the new index', async () => {
    await call('PUT', '/v1/kv/w/a', '1');
    const first = await call('GET', '/v1/kv/w/?recurse');
    const started = Date.now();
    const pending = call('GET', `/v1/kv/w/?recurse&index=${first.index}&wait=10s`);
    await sleep(150);
    await call('PUT', '/v1/kv/elsewhere', 'not watched');
    await sleep(150);
    await call('PUT', '/v1/kv/w/b', '2');
    const res = await pending;
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
    expect(res.index).toBeGreaterThan(first.index!);
    expect((res.json as { Key: string }[]).map((entry) => entry.Key)).toEqual(['w/a', 'w/b']);
  });

  it('wakes a prefix query on a delete, with a newer index and the key gone', async () => {
    await call('PUT', '/v1/kv/w/a', '1');
    await call('PUT', '/v1/kv/w/b', '2');
    const first = await call('GET', '/v1/kv/w/?recurse');
    const pending = call('GET', `/v1/kv/w/?recurse&index=${first.index}&wait=10s`);
    await sleep(100);
    await call('DELETE', '/v1/kv/w/b');
    const res = await pending;
    expect(res.index).toBeGreaterThan(first.index!);
    expect((res.json as { Key: string }[]).map((entry) => entry.Key)).toEqual(['w/a']);
  });

  it('answers after the wait time (plus at most 1/16 jitter) with the same index when nothing changed', async () => {
    await call('PUT', '/v1/kv/w/a', '1');
    const first = await call('GET', '/v1/kv/w/a');
    const started = Date.now();
    const res = await call('GET', `/v1/kv/w/a?index=${first.index}&wait=400ms`);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(395);
    expect(elapsed).toBeLessThan(400 * (17 / 16) + 500);
    expect(res.status).toBe(200);
    expect(res.index).toBe(first.index);
  });

  it('answers a missing-key or empty-prefix query on timeout with 404 and the index', async () => {
    const first = await call('GET', '/v1/kv/none/?recurse');
    const res = await call('GET', `/v1/kv/none/?recurse&index=${first.index}&wait=100ms`);
    expect(res.status).toBe(404);
    expect(res.index).toBe(first.index);
  });

  it('answers at once when the index asked for is already behind', async () => {
    await call('PUT', '/v1/kv/w/a', '1');
    await call('PUT', '/v1/kv/w/a', '2');
    const started = Date.now();
    const res = await call('GET', '/v1/kv/w/a?index=1&wait=10s');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.index).toBeGreaterThan(1);
  });

  it('wakes a ?keys query and a single-key query on their own writes', async () => {
    const keysFirst = await call('GET', '/v1/kv/?keys');
    const keysPending = call('GET', `/v1/kv/?keys&index=${keysFirst.index}&wait=10s`);
    const keyPending = call('GET', `/v1/kv/w/one?index=${keysFirst.index}&wait=10s`);
    await sleep(100);
    await call('PUT', '/v1/kv/w/one', 'x');
    expect((await keysPending).json).toEqual(['w/one']);
    expect((await keyPending).status).toBe(200);
  });

  it('refuses a malformed wait or index, and ?consistent with ?stale', async () => {
    expect((await call('GET', '/v1/kv/w/a?index=1&wait=10')).status).toBe(400);
    expect((await call('GET', '/v1/kv/w/a?index=x')).text).toBe('Invalid index');
    expect((await call('GET', '/v1/kv/w/a?consistent&stale')).status).toBe(400);
    expect((await call('GET', '/v1/kv/w/a?consistent')).status).toBe(404);
    expect((await call('GET', '/v1/kv/w/a?stale')).status).toBe(404);
  });
});

describe('restarts', () => {
  it('drops in-flight blocking queries on stop and serves the same port again, data kept', async () => {
    await call('PUT', '/v1/kv/r/a', 'kept');
    const first = await call('GET', '/v1/kv/r/?recurse');
    const pending = call('GET', `/v1/kv/r/?recurse&index=${first.index}&wait=30s`).then(
      () => 'answered',
      () => 'dropped',
    );
    await sleep(50);
    await kv.restart();
    expect(await pending).toBe('dropped');
    const after = await call('GET', '/v1/kv/r/?recurse');
    expect(after.index).toBe(first.index);
    expect((after.json as { Key: string }[]).map((entry) => entry.Key)).toEqual(['r/a']);
  });

  it('comes back empty with a lower index when the data is reset', async () => {
    for (let i = 0; i < 5; i++) await call('PUT', `/v1/kv/r/${i}`, 'x');
    const before = (await call('GET', '/v1/kv/r/?recurse')).index!;
    await kv.restart({ keepData: false });
    const after = await call('GET', '/v1/kv/r/?recurse');
    expect(after.status).toBe(404);
    expect(after.index).toBeLessThan(before);
  });

  it('refuses connections while stopped', async () => {
    await kv.stop();
    expect(kv.running).toBe(false);
    await expect(call('GET', '/v1/kv/r/a')).rejects.toThrow(/ECONNREFUSED/);
    await kv.restart();
    expect(kv.running).toBe(true);
    expect((await call('GET', '/v1/kv/r/a')).status).toBe(404);
  });
});

describe('a fresh endpoint', () => {
  it('wakes a query blocked on the empty table for the very first write', async () => {
    const fresh = await startConsulKv();
    try {
      const empty = await rawRequest(fresh.url, 'GET', '/v1/kv/first/?recurse');
      expect(empty.index).toBe(1);
      const pending = rawRequest(fresh.url, 'GET', `/v1/kv/first/?recurse&index=${empty.index}&wait=10s`);
      await sleep(50);
      await rawRequest(fresh.url, 'PUT', '/v1/kv/first/a', { body: 'x' });
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.index).toBeGreaterThan(1);
    } finally {
      await fresh.stop();
    }
  });
});
