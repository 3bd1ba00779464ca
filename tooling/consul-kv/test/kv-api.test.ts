import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '../src/index.js';
import { rawRequest } from './support/raw-request.js';

let kv: ConsulKvHandle;
const call = (method: string, path: string, body?: string | Buffer) =>
  rawRequest(kv.url, method, path, body === undefined ? {} : { body });

beforeAll(async () => {
  kv = await startConsulKv();
});
afterAll(async () => {
  await kv.stop();
});
beforeEach(async () => {
  await call('DELETE', '/v1/kv/?recurse');
});

describe('reading and writing one key', () => {
  it('answers 404 with X-Consul-Index for a missing key', async () => {
    const res = await call('GET', '/v1/kv/missing/key');
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
    expect(res.index).toBeGreaterThanOrEqual(1);
  });

  it('stores a value and returns it base64-encoded with its indexes and flags', async () => {
    expect((await call('PUT', '/v1/kv/app/config?flags=42', 'héllo')).json).toBe(true);
    const res = await call('GET', '/v1/kv/app/config');
    expect(res.status).toBe(200);
    const [entry] = res.json as Record<string, unknown>[];
    expect(entry).toEqual({
      LockIndex: 0,
      Key: 'app/config',
      Flags: 42,
      Value: Buffer.from('héllo').toString('base64'),
      CreateIndex: entry!['ModifyIndex'],
      ModifyIndex: entry!['ModifyIndex'],
    });
    expect(res.index).toBe(entry!['ModifyIndex']);
  });

  it('keeps CreateIndex and moves ModifyIndex on an update; every write takes a new index', async () => {
    await call('PUT', '/v1/kv/k', 'one');
    const first = ((await call('GET', '/v1/kv/k')).json as { CreateIndex: number; ModifyIndex: number }[])[0]!;
    await call('PUT', '/v1/kv/k', 'two');
    const second = ((await call('GET', '/v1/kv/k')).json as { CreateIndex: number; ModifyIndex: number }[])[0]!;
    expect(second.CreateIndex).toBe(first.CreateIndex);
    expect(second.ModifyIndex).toBeGreaterThan(first.ModifyIndex);
    expect(kv.lastIndex).toBe(second.ModifyIndex);
  });

  it('stores an empty body as a null Value and serves raw bytes with ?raw', async () => {
    await call('PUT', '/v1/kv/empty');
    expect(((await call('GET', '/v1/kv/empty')).json as { Value: unknown }[])[0]!.Value).toBeNull();
    const bytes = Buffer.from([0, 255, 10, 200]);
    await call('PUT', '/v1/kv/binary', bytes);
    const raw = await call('GET', '/v1/kv/binary?raw');
    expect(raw.body.equals(bytes)).toBe(true);
    expect(raw.headers['content-type']).toBe('text/plain');
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a value over 512 KiB with 413 and stores nothing', async () => {
    const res = await call('PUT', '/v1/kv/big', Buffer.alloc(512 * 1024 + 1, 1));
    expect(res.status).toBe(413);
    expect((await call('GET', '/v1/kv/big')).status).toBe(404);
  });

  it('asks for a key name on GET, PUT and DELETE of the root', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await call(method, '/v1/kv/');
      expect(res.status).toBe(400);
      expect(res.text).toBe('Missing key name');
    }
  });
});

describe('check-and-set', () => {
  it('PUT ?cas=0 writes only a key that does not exist', async () => {
    expect((await call('PUT', '/v1/kv/c?cas=0', 'first')).json).toBe(true);
    expect((await call('PUT', '/v1/kv/c?cas=0', 'second')).json).toBe(false);
    expect((await call('GET', '/v1/kv/c?raw')).text).toBe('first');
  });

  it('PUT ?cas=<ModifyIndex> writes only over that version, and a lost race changes no index', async () => {
    await call('PUT', '/v1/kv/c', 'v1');
    const read = await call('GET', '/v1/kv/c');
    const version = (read.json as { ModifyIndex: number }[])[0]!.ModifyIndex;
    expect((await call('PUT', `/v1/kv/c?cas=${version}`, 'v2')).json).toBe(true);
    expect((await call('PUT', `/v1/kv/c?cas=${version}`, 'v3')).json).toBe(false);
    const after = await call('GET', '/v1/kv/c');
    expect(after.text).toContain(Buffer.from('v2').toString('base64'));
    const indexBefore = after.index!;
    expect((await call('PUT', `/v1/kv/missing?cas=${version}`, 'x')).json).toBe(false);
    expect((await call('GET', '/v1/kv/c')).index).toBe(indexBefore);
    expect(kv.lastIndex).toBeGreaterThan(indexBefore);
  });

  it('DELETE ?cas= deletes only that version; a missing key counts as deleted', async () => {
    await call('PUT', '/v1/kv/d', 'x');
    const version = ((await call('GET', '/v1/kv/d')).json as { ModifyIndex: number }[])[0]!.ModifyIndex;
    expect((await call('DELETE', `/v1/kv/d?cas=${version + 100}`)).json).toBe(false);
    expect((await call('GET', '/v1/kv/d')).status).toBe(200);
    expect((await call('DELETE', `/v1/kv/d?cas=${version}`)).json).toBe(true);
    expect((await call('GET', '/v1/kv/d')).status).toBe(404);
    expect((await call('DELETE', '/v1/kv/d?cas=5')).json).toBe(true);
  });

  it('refuses conflicting flags and malformed numbers as Consul does', async () => {
    expect((await call('DELETE', '/v1/kv/x?recurse&cas=1')).status).toBe(400);
    expect((await call('PUT', '/v1/kv/x?cas=1&acquire=abc', 'v')).status).toBe(400);
    expect((await call('PUT', '/v1/kv/x?cas=abc', 'v')).status).toBe(500);
    expect((await call('PUT', '/v1/kv/x?flags=-1', 'v')).status).toBe(500);
    expect((await call('GET', '/v1/kv/x')).status).toBe(404);
  });
});

describe('prefixes', () => {
  beforeEach(async () => {
    for (const key of ['p/b', 'p/a/2', 'p/a/1', 'p/c', 'pq', 'other']) await call('PUT', `/v1/kv/${key}`, key);
  });

  it('lists a prefix in key byte order with ?recurse', async () => {
    const res = await call('GET', '/v1/kv/p/?recurse');
    expect((res.json as { Key: string }[]).map((entry) => entry.Key)).toEqual(['p/a/1', 'p/a/2', 'p/b', 'p/c']);
    const newest = Math.max(...(res.json as { ModifyIndex: number }[]).map((entry) => entry.ModifyIndex));
    expect(res.index).toBe(newest);
  });

  it('answers 404 with an index for an empty prefix, and [] for the keys of an empty root', async () => {
    const res = await call('GET', '/v1/kv/nothing/?recurse');
    expect(res.status).toBe(404);
    expect(res.index).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/v1/kv/nothing/?keys')).status).toBe(404);
    await call('DELETE', '/v1/kv/?recurse');
    const root = await call('GET', '/v1/kv/?keys');
    expect(root.status).toBe(200);
    expect(root.json).toEqual([]);
  });

  it('lists key names with ?keys, cut at the separator', async () => {
    expect((await call('GET', '/v1/kv/p?keys')).json).toEqual(['p/a/1', 'p/a/2', 'p/b', 'p/c', 'pq']);
    expect((await call('GET', '/v1/kv/p/?keys&separator=/')).json).toEqual(['p/a/', 'p/b', 'p/c']);
    expect((await call('GET', '/v1/kv/?keys&separator=/')).json).toEqual(['other', 'p/', 'pq']);
  });

  it('deletes a prefix with DELETE ?recurse and leaves other keys', async () => {
    expect((await call('DELETE', '/v1/kv/p/?recurse')).json).toBe(true);
    expect((await call('GET', '/v1/kv/p/?recurse')).status).toBe(404);
    expect((await call('GET', '/v1/kv/?keys')).json).toEqual(['other', 'pq']);
  });

  it('reports a delete under a prefix with a newer index than the entries left', async () => {
    const before = (await call('GET', '/v1/kv/p/?recurse')).index!;
    await call('DELETE', '/v1/kv/p/a/1');
    const after = await call('GET', '/v1/kv/p/?recurse');
    expect(after.index).toBeGreaterThan(before);
    expect((after.json as unknown[]).length).toBe(3);
  });
});

describe('keys in the path', () => {
  it('percent-decodes the path: %2F is a slash inside the key, %25 a percent sign, + a plus', async () => {
    await call('PUT', '/v1/kv/enc%2Fslash', 'a');
    await call('PUT', '/v1/kv/enc/pct%252F', 'b');
    await call('PUT', '/v1/kv/enc/a+b%20c%3F%23', 'c');
    await call('PUT', '/v1/kv/enc/%C3%BC', 'd');
    expect((await call('GET', '/v1/kv/enc?keys')).json).toEqual(['enc/a+b c?#', 'enc/pct%2F', 'enc/slash', 'enc/ü']);
  });

  it('keeps encoded dot segments as part of the key', async () => {
    await call('PUT', '/v1/kv/t/target', 'original');
    await call('PUT', '/v1/kv/t%2Fx%2F..%2Ftarget', 'intruder');
    expect((await call('GET', '/v1/kv/t/target?raw')).text).toBe('original');
    expect((await call('GET', '/v1/kv/t/?keys')).json).toEqual(['t/target', 't/x/../target']);
  });

  it('redirects a literal dot segment or double slash, as Go routing does, and writes nothing', async () => {
    const dots = await call('PUT', '/v1/kv/t/x/../target?cas=0', 'intruder');
    expect(dots.status).toBe(301);
    expect(dots.headers['location']).toBe('/v1/kv/t/target?cas=0');
    expect((await call('GET', '/v1/kv/a//b')).headers['location']).toBe('/v1/kv/a/b');
    expect((await call('GET', '/v1/kv/t/?recurse')).status).toBe(404);
  });

  it('answers 400 for a malformed escape', async () => {
    expect((await call('GET', '/v1/kv/bad%zz')).status).toBe(400);
  });
});
