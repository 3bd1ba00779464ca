import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { FlipperError } from '@flipper-client/core';
import { encodeDocument } from '@flipper-client/core/store';
import { collect, PYTHON_DOCUMENTS, waitFor } from '@flipper-client/test-suite';
import { sendCommand, startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { baseKeyOf, uniqueBaseKey } from './support/namespaces.js';

let server: RedisServer;
let redis: Redis;
let store: RedisFeatureFlagStore;

/** How many times the server ran `command` since the last reset. */
async function calls(command: string): Promise<number> {
  const stats = String(await sendCommand(server.port, ['INFO', 'commandstats']));
  const match = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats);
  return match === null ? 0 : Number(match[1]);
}

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.port, server.host);
});

beforeEach(() => {
  store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('reads') });
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

describe('reads', () => {
  it('serves 64 concurrent gets of one flag with one Redis read', async () => {
    await store.create('HOT', { isEnabled: true });
    await sendCommand(server.port, ['CONFIG', 'RESETSTAT']);
    const items = await Promise.all(Array.from({ length: 64 }, () => store.get('HOT')));
    expect(items.every((item) => item?.enabled === true)).toBe(true);
    expect(new Set(items).size).toBe(1);
    expect((await calls('mget')) + (await calls('get'))).toBe(1);
  });

  it('shows its own write to a read that starts after it, even with an older read in flight', async () => {
    await store.create('RYW');
    const older = store.get('RYW');
    await store.set('RYW', true);
    const newer = store.get('RYW');
    expect((await newer)?.enabled).toBe(true);
    expect((await older)?.featureName).toBe('RYW');
  });

  it('answers a read of a flag asked for twice in one turn, around a write', async () => {
    await store.create('TWICE');
    const first = store.get('TWICE');
    const write = store.set('TWICE', true);
    const second = store.get('TWICE');
    await write;
    const third = store.get('TWICE');
    expect((await first)?.featureName).toBe('TWICE');
    expect((await second)?.featureName).toBe('TWICE');
    expect((await third)?.enabled).toBe(true);
  });
});

describe('key layout shared with the Python library', () => {
  it("keeps each flag at features/<name> by default, in Python's exact bytes", async () => {
    const python = new RedisFeatureFlagStore(redis);
    const name = `LAYOUT_${uniqueBaseKey()}`;
    try {
      const created = await python.create(name, { isEnabled: true, clientData: { owner: 'ü' } });
      expect(python.keyOf(name)).toBe(`features/${name}`);
      expect(await redis.get(`features/${name}`)).toBe(encodeDocument(created));
    } finally {
      await redis.del(`features/${name}`);
    }
  });

  it('reads a document written by the Python library and writes it back in the same form', async () => {
    const doc = PYTHON_DOCUMENTS[0]!;
    const name = JSON.parse(doc.text).feature_name as string;
    await redis.set(store.keyOf(name), doc.text);
    await store.update(name, (item) => item);
    expect(await redis.get(store.keyOf(name))).toBe(doc.text);
  });

  it('publishes the flag name on <baseKey>:changes after each write', async () => {
    const listener = redis.duplicate();
    const heard: string[] = [];
    listener.on('message', (channel: string, message: string) => heard.push(`${channel} ${message}`));
    await listener.subscribe(`${baseKeyOf(store)}:changes`);
    try {
      await store.create('PUBLISHED');
      await store.set('PUBLISHED', true);
      await store.delete('PUBLISHED');
      await store.delete('PUBLISHED');
      const line = `${baseKeyOf(store)}:changes PUBLISHED`;
      await waitFor(() => heard.length >= 3, 1000, 'three messages');
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The second delete removed nothing and published nothing.
      expect(heard).toEqual([line, line, line]);
    } finally {
      listener.disconnect();
    }
  });

  it('set creates a missing flag with a creation date and keeps the metadata of an existing one', async () => {
    const before = Math.floor(Date.now() / 1000);
    await store.set('SET_NEW', true);
    const created = await store.get('SET_NEW');
    expect(created?.enabled).toBe(true);
    expect(created!.meta.createdDate).toBeGreaterThanOrEqual(before);
    await store.create('SET_KEEP', { clientData: { kept: true } });
    await store.set('SET_KEEP', true);
    expect((await store.get('SET_KEEP'))?.clientData()).toEqual({ kept: true });
  });
});

describe('base keys with glob characters', () => {
  it('lists and deletes only its own flags', async () => {
    const suffix = uniqueBaseKey();
    const star = new RedisFeatureFlagStore(redis, { baseKey: `a*${suffix}` });
    const plain = new RedisFeatureFlagStore(redis, { baseKey: `ab${suffix}` });
    const bracket = new RedisFeatureFlagStore(redis, { baseKey: `[ab]${suffix}` });
    const letter = new RedisFeatureFlagStore(redis, { baseKey: `a${suffix}` });
    const escaped = new RedisFeatureFlagStore(redis, { baseKey: `a\\${suffix}` });
    for (const each of [star, plain, bracket, letter, escaped]) await each.create('SAME_NAME', { clientData: { baseKey: baseKeyOf(each) } });
    await star.create('ONLY_STAR');
    for (const each of [star, plain, bracket, letter, escaped]) {
      const listed = await collect(each.list());
      const expected = each === star ? ['ONLY_STAR', 'SAME_NAME'] : ['SAME_NAME'];
      expect(listed.map((item) => item.featureName)).toEqual(expected);
      expect(listed.find((item) => item.featureName === 'SAME_NAME')?.clientData()).toEqual({ baseKey: baseKeyOf(each) });
    }
    await star.delete('SAME_NAME');
    for (const each of [plain, bracket, letter, escaped]) expect(await each.get('SAME_NAME')).toBeDefined();
  });
});

describe('list', () => {
  it('lists in code-point order of the names, across several fetch batches', async () => {
    const names = Array.from({ length: 230 }, (_, i) => `F${(i * 7919) % 1000}`);
    names.push('ä', 'z', 'Z', '🚩', '\uffff');
    await Promise.all(names.map((name) => store.create(name)));
    const listed = (await collect(store.list())).map((item) => item.featureName);
    const codePoints = (name: string): number[] => [...name].map((character) => character.codePointAt(0)!);
    const expected = [...new Set(names)].sort((a, b) => {
      const [x, y] = [codePoints(a), codePoints(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    });
    expect(listed).toEqual(expected);
    // U+FFFF comes before U+1F6A9 by code point, though in UTF-16 units (D83D DEA9) it comes after.
    expect(listed.indexOf('\uffff')).toBeLessThan(listed.indexOf('🚩'));
  });

  it('reports documents of the wrong type or shape to onInvalid and goes on', async () => {
    await store.create('GOOD');
    await redis.set(store.keyOf('MISNAMED'), encodeDocument((await store.get('GOOD'))!));
    await redis.set(store.keyOf('EMPTY'), '');
    const invalid: FlipperError[] = [];
    const listed = await collect(store.list({ onInvalid: (error) => invalid.push(error) }));
    expect(listed.map((item) => item.featureName)).toEqual(['GOOD']);
    expect(invalid.map((error) => error.featureName).sort()).toEqual(['EMPTY', 'MISNAMED']);
  });

  it('reports invalid documents to onError when the caller gives no onInvalid', async () => {
    const errors: FlipperError[] = [];
    const reporting = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('list'), onError: (error) => errors.push(error) });
    await redis.set(reporting.keyOf('BROKEN'), '{');
    expect(await collect(reporting.list())).toEqual([]);
    expect(errors.map((error) => error.featureName)).toEqual(['BROKEN']);
  });
});
