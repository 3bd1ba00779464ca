import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { sendCommand, startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

// A server of its own: the command counts below would be thrown off by another file's commands.
let server: RedisServer;
let redis: Redis;
let store: RedisFeatureFlagStore;
let features: FeatureFlagClient;

const NAMES = Array.from({ length: 64 }, (_, i) => `FLAG_${i}`);

/** Calls of each read command since the last reset, as the server counts them. */
async function readCommands(): Promise<{ mget: number; get: number }> {
  const stats = String(await sendCommand(server.port, ['INFO', 'commandstats']));
  const calls = (command: string): number => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
  return { mget: calls('mget'), get: calls('get') };
}

const resetCounts = async (): Promise<void> => void (await sendCommand(server.port, ['CONFIG', 'RESETSTAT']));

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.port, server.host);
});

beforeEach(async () => {
  store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('batching') });
  features = new FeatureFlagClient(store);
  await Promise.all(NAMES.map((name, i) => store.create(name, { isEnabled: i % 2 === 0 })));
  await resetCounts();
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

describe('reads asked for in one turn', () => {
  it('are served by exactly one MGET: 64 callers of 64 different flags', async () => {
    const answers = await Promise.all(NAMES.map((name) => features.isEnabled(name)));
    expect(answers).toEqual(NAMES.map((_, i) => i % 2 === 0));
    expect(await readCommands()).toEqual({ mget: 1, get: 0 });
  });

  it('cost one MGET per turn when 64 callers each ask again as soon as they are answered', async () => {
    const rounds = 5;
    const caller = async (first: number): Promise<boolean[]> => {
      const answers: boolean[] = [];
      for (let round = 0; round < rounds; round++) answers.push(await features.isEnabled(NAMES[(first + round) % NAMES.length]!));
      return answers;
    };
    const answers = await Promise.all(NAMES.map((_, i) => caller(i)));
    expect(answers.flat().filter(Boolean)).toHaveLength((rounds * NAMES.length) / 2);
    expect(await readCommands()).toEqual({ mget: rounds, get: 0 });
  });

  it('share one key in the MGET when several callers ask for the same flag', async () => {
    const items = await Promise.all([...NAMES, ...NAMES].map((name) => store.get(name)));
    expect(items.slice(0, 64)).toEqual(items.slice(64));
    expect(items[0]).toBe(items[64]);
    expect(await readCommands()).toEqual({ mget: 1, get: 0 });
  });

  it('answer a missing flag as undefined beside the flags that exist', async () => {
    const [present, missing] = await Promise.all([store.get('FLAG_0'), store.get('NOT_THERE')]);
    expect(present?.enabled).toBe(true);
    expect(missing).toBeUndefined();
    expect(await readCommands()).toEqual({ mget: 1, get: 0 });
  });

  it('keep answering and sharing when more flags are read than the batcher keeps slots for', async () => {
    const first = store.get('FLAG_0');
    const many = Array.from({ length: 10_050 }, (_, i) => store.get(`ABSENT_${i}`));
    const again = store.get('FLAG_0'); // its slot was dropped: a read of its own, same answer
    expect((await Promise.all(many)).every((item) => item === undefined)).toBe(true);
    expect((await first)?.enabled).toBe(true);
    expect((await again)?.enabled).toBe(true);
    await store.set('FLAG_0', false);
    expect((await store.get('FLAG_0'))?.enabled).toBe(false);
    // One turn's 10,052 reads in MGETs of at most 500 keys, then the read after the write.
    expect((await readCommands()).mget).toBe(Math.ceil(10_052 / 500) + 1);
  });

  it('send a lone read at once, in a turn of its own', async () => {
    expect(await features.isEnabled('FLAG_0')).toBe(true);
    expect(await features.isEnabled('FLAG_1')).toBe(false);
    expect(await readCommands()).toEqual({ mget: 2, get: 0 });
  });
});

describe('read-your-writes with writes and reads in one turn', () => {
  it('a read that starts after a write resolved sees it, for 64 flags written while others read them', async () => {
    const writer = async (name: string, i: number): Promise<void> => {
      const before = store.get(name); // asked before the write, in the same turn
      await store.put(new FeatureFlagStoreItem(name, i % 2 !== 0));
      const after = await store.get(name);
      expect(after?.enabled).toBe(i % 2 !== 0);
      expect((await before)?.featureName).toBe(name);
    };
    const readers = NAMES.map((name) => features.isEnabled(name));
    await Promise.all([...NAMES.map(writer), ...readers]);
    expect(await Promise.all(NAMES.map((name) => features.isEnabled(name)))).toEqual(NAMES.map((_, i) => i % 2 !== 0));
  });

  it('does not hand a read asked before a write to a caller who asks after it', async () => {
    const older = store.get('FLAG_0');
    const written = store.set('FLAG_0', false);
    const sameTurn = store.get('FLAG_0'); // shares the older read: it was asked before the write resolved
    await written;
    const newer = store.get('FLAG_0');
    expect(newer).not.toBe(older);
    expect(sameTurn).toBe(older);
    expect((await newer)?.enabled).toBe(false);
    expect((await older)?.featureName).toBe('FLAG_0');
  });

  it('sees its own deletes and re-creations at once', async () => {
    await store.delete('FLAG_0');
    expect(await store.get('FLAG_0')).toBeUndefined();
    await store.create('FLAG_0', { isEnabled: false });
    const [again, other] = await Promise.all([store.get('FLAG_0'), store.get('FLAG_2')]);
    expect(again?.enabled).toBe(false);
    expect(other?.enabled).toBe(true);
  });
});

describe('the last document each flag read', () => {
  it('answers the same item while the text is unchanged, and follows a change made behind the store', async () => {
    const key = store.keyOf('FLAG_0');
    const first = await store.get('FLAG_0');
    const text = await redis.get(key);
    expect(await store.get('FLAG_0')).toBe(first);
    // Another writer (another process, the Python library) changes the document; then a corrupt
    // one; then the first text again: each read decodes what Redis holds at that moment.
    await redis.set(key, text!.replace('"is_enabled": true', '"is_enabled": false'));
    expect((await store.get('FLAG_0'))?.enabled).toBe(false);
    await redis.set(key, '{"not": "a flag"');
    await expect(store.get('FLAG_0')).rejects.toThrow();
    await redis.set(key, text!);
    expect((await store.get('FLAG_0'))?.enabled).toBe(true);
    await redis.del(key);
    expect(await store.get('FLAG_0')).toBeUndefined();
    await redis.set(key, text!);
    expect((await store.get('FLAG_0'))?.enabled).toBe(true);
  });
});
