import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { FlipperError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagStoreItem, type StoreChange } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { sendCommand, startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore, type RedisStoreOptions } from '../src/index.js';
import { baseKeyOf, uniqueBaseKey } from './support/namespaces.js';

let server: RedisServer;
const opened: { close(): Promise<unknown> | unknown }[] = [];

function client(target: RedisServer = server): Redis {
  const redis = new Redis(target.port, target.host);
  opened.push({ close: () => redis.quit().catch(() => redis.disconnect()) });
  return redis;
}

function store(options: RedisStoreOptions = {}, target: RedisServer = server): RedisFeatureFlagStore {
  const created = new RedisFeatureFlagStore(client(target), { baseKey: uniqueBaseKey('feed'), ...options });
  opened.push(created);
  return created;
}

function recorder(target: RedisFeatureFlagStore): StoreChange[] {
  const changes: StoreChange[] = [];
  target.watch((change) => changes.push(change));
  return changes;
}

const flagChanges = (changes: readonly StoreChange[], name: string): number =>
  changes.filter((change) => change.kind === 'flag' && change.featureName === name).length;

function pythonDocument(name: string, enabled: boolean): string {
  return encodeDocument(new FeatureFlagStoreItem(name, enabled));
}

let markers = 0;

/**
 * Resolves once the feed of `watched` has delivered every notification Redis sent it before this
 * call: a raw write of a marker flag is notified on the same connection, after them.
 */
async function feedDrained(watched: RedisFeatureFlagStore, changes: readonly StoreChange[]): Promise<void> {
  const marker = `MARKER_${++markers}`;
  await client().set(watched.keyOf(marker), pythonDocument(marker, true));
  await waitFor(() => flagChanges(changes, marker) > 0, 2000, 'the marker write');
}

beforeAll(async () => {
  // A server with some keyspace classes already on: the store must add its own and keep these.
  server = await startRedis({ args: ['--notify-keyspace-events', 'El'] });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).reverse().map((resource) => resource.close()));
});

afterAll(async () => {
  await server?.stop();
});

describe('change feed with keyspace notifications', () => {
  it('enables the keyspace classes it needs and keeps those already set', async () => {
    const watched = store();
    recorder(watched);
    expect(await watched.changeFeedReady()).toBe('keyspace');
    const [, flags] = (await sendCommand(server.port, ['CONFIG', 'GET', 'notify-keyspace-events'])) as string[];
    expect([...flags!].sort()).toEqual([...'$EKglx'].sort());
  });

  it('sees a raw SET and DEL by another connection within 100 ms', async () => {
    const watched = store();
    const changes = recorder(watched);
    await watched.changeFeedReady();
    const other = client();
    await other.set(watched.keyOf('PY_FLAG'), pythonDocument('PY_FLAG', true));
    await waitFor(() => flagChanges(changes, 'PY_FLAG') > 0, 100, 'the raw SET');
    expect((await watched.get('PY_FLAG'))?.enabled).toBe(true);
    changes.length = 0;
    await other.del(watched.keyOf('PY_FLAG'));
    await waitFor(() => flagChanges(changes, 'PY_FLAG') > 0, 100, 'the raw DEL');
    expect(await watched.get('PY_FLAG')).toBeUndefined();
  });

  it('sees a flag expire', async () => {
    const watched = store();
    const changes = recorder(watched);
    await watched.changeFeedReady();
    const other = client();
    const key = watched.keyOf('SHORT_LIVED');
    // No TTL yet, so nothing can expire before the SET's own reports are counted.
    await other.set(key, pythonDocument('SHORT_LIVED', true));
    await feedDrained(watched, changes);
    const beforeExpiry = flagChanges(changes, 'SHORT_LIVED');
    expect(beforeExpiry).toBeGreaterThan(0);
    // PEXPIRE is reported once ('expire'); the expiry itself is the report after that ('expired').
    await other.pexpire(key, 50);
    await waitFor(async () => (await other.exists(key)) === 0, 2000, 'the key to expire');
    await feedDrained(watched, changes);
    expect(flagChanges(changes, 'SHORT_LIVED')).toBeGreaterThanOrEqual(beforeExpiry + 2);
    expect(await watched.get('SHORT_LIVED')).toBeUndefined();
  });

  it('reports nothing for keys outside its base key, even when the base key has glob characters', async () => {
    const baseKey = `glob*[ab]?-${uniqueBaseKey()}`;
    const watched = store({ baseKey });
    const changes = recorder(watched);
    await watched.changeFeedReady();
    const other = client();
    const lookalike = baseKey.replace('*', 'X').replace('[ab]', 'a').replace('?', 'Q');
    await other.set(`${lookalike}/OTHER`, pythonDocument('OTHER', true));
    await other.set(`${baseKey}x/OTHER`, pythonDocument('OTHER', true));
    await other.set(`${baseKey}/MINE`, pythonDocument('MINE', true));
    await waitFor(() => flagChanges(changes, 'MINE') > 0, 100, 'the write under the base key');
    // Keyspace events arrive in order on one connection: the two earlier writes would be in by now.
    expect(changes.filter((change) => change.kind === 'flag' && change.featureName !== 'MINE')).toEqual([]);
  });

  it('reports each write of another connection once, though Redis sends a keyspace event and a channel message', async () => {
    const watched = store();
    const changes = recorder(watched);
    await watched.changeFeedReady();
    const peer = new RedisFeatureFlagStore(client(), { baseKey: baseKeyOf(watched) });
    await peer.create('FROM_PEER');
    await waitFor(() => flagChanges(changes, 'FROM_PEER') > 0, 100, "the peer's create");
    await peer.set('FROM_PEER', true);
    await peer.delete('FROM_PEER');
    await client().set(watched.keyOf('RAW'), pythonDocument('RAW', true));
    await feedDrained(watched, changes);
    expect([flagChanges(changes, 'FROM_PEER'), flagChanges(changes, 'RAW')]).toEqual([3, 1]);
  });

  it('reports a channel message that no keyspace event stands for: a store on another database, same base key', async () => {
    const watched = store();
    const changes = recorder(watched);
    await watched.changeFeedReady();
    const database1 = new Redis(server.port, server.host, { db: 1 });
    opened.push({ close: () => database1.quit() });
    await new RedisFeatureFlagStore(database1, { baseKey: baseKeyOf(watched) }).create('IN_DATABASE_1');
    await waitFor(() => flagChanges(changes, 'IN_DATABASE_1') > 0, 100, 'the channel message');
    expect(await watched.get('IN_DATABASE_1')).toBeUndefined();
  });

  it('does not hear a store on another database that has a channel of its own', async () => {
    const watched = store();
    const changes = recorder(watched);
    await watched.changeFeedReady();
    const database1 = new Redis(server.port, server.host, { db: 1 });
    opened.push({ close: () => database1.quit() });
    const baseKey = baseKeyOf(watched);
    await new RedisFeatureFlagStore(database1, { baseKey, channel: `${baseKey}:replica-changes` }).create('IN_DATABASE_1');
    await feedDrained(watched, changes);
    expect(flagChanges(changes, 'IN_DATABASE_1')).toBe(0);
  });

  it('re-enables keyspace events after the server restarts and reports that changes may have been missed', async () => {
    const own = await startRedis();
    try {
      const watched = store({}, own);
      const changes = recorder(watched);
      await watched.changeFeedReady();
      await own.kill();
      await own.restart();
      await waitFor(() => changes.some((change) => change.kind === 'all'), 5000, 'an all-change after the reconnect');
      await waitFor(
        async () => String(await sendCommand(own.port, ['CONFIG', 'GET', 'notify-keyspace-events'])).includes('K'),
        2000,
        'keyspace events to be enabled again',
      );
      changes.length = 0;
      const other = client(own);
      await other.set(watched.keyOf('AFTER_RESTART'), pythonDocument('AFTER_RESTART', false));
      await waitFor(() => flagChanges(changes, 'AFTER_RESTART') > 0, 1000, 'a raw write after the restart');
    } finally {
      await Promise.all(opened.splice(0).reverse().map((resource) => resource.close()));
      await own.stop();
    }
  });
});

describe('change feed without keyspace notifications', () => {
  let locked: RedisServer;

  beforeAll(async () => {
    // A server that refuses CONFIG, as many managed Redis services do.
    locked = await startRedis({ args: ['--rename-command', 'CONFIG', ''] });
  });

  afterAll(async () => {
    await locked?.stop();
  });

  it('falls back to a periodic all-change when CONFIG is refused, and reports why', async () => {
    const errors: FlipperError[] = [];
    const watched = store({ fallbackIntervalMs: 150, onError: (error) => errors.push(error) }, locked);
    const changes = recorder(watched);
    expect(await watched.changeFeedReady()).toBe('fallback');
    expect(errors.length).toBe(1);
    expect(errors[0]!.message).toContain('redis store: watch failed');
    await client(locked).set(watched.keyOf('RAW'), pythonDocument('RAW', true));
    const wroteAt = Date.now();
    await waitFor(() => changes.some((change) => change.kind === 'all'), 1000, 'the fallback all-change');
    expect(Date.now() - wroteAt).toBeLessThanOrEqual(150 + 100);
    expect((await watched.get('RAW'))?.enabled).toBe(true);
  });

  it("with 'if-enabled' leaves the server's settings alone and falls back", async () => {
    const plain = await startRedis();
    try {
      const watched = store({ keyspaceEvents: 'if-enabled', fallbackIntervalMs: 100 }, plain);
      recorder(watched);
      expect(await watched.changeFeedReady()).toBe('fallback');
      expect(await sendCommand(plain.port, ['CONFIG', 'GET', 'notify-keyspace-events'])).toEqual(['notify-keyspace-events', '']);
      // Once the server has them on (here by hand), they are used as they are.
      await sendCommand(plain.port, ['CONFIG', 'SET', 'notify-keyspace-events', 'KA']);
      const later = store({ keyspaceEvents: 'if-enabled' }, plain);
      const changes = recorder(later);
      expect(await later.changeFeedReady()).toBe('keyspace');
      expect(await sendCommand(plain.port, ['CONFIG', 'GET', 'notify-keyspace-events'])).toEqual(['notify-keyspace-events', 'AK']);
      await client(plain).set(later.keyOf('RAW'), pythonDocument('RAW', true));
      await waitFor(() => flagChanges(changes, 'RAW') > 0, 100, 'the raw write');
    } finally {
      await Promise.all(opened.splice(0).reverse().map((resource) => resource.close()));
      await plain.stop();
    }
  });

  it("with keyspace 'off' and no fallback hears only writers that publish", async () => {
    const watched = store({ keyspaceEvents: 'off', fallbackIntervalMs: 0 });
    const changes = recorder(watched);
    expect(await watched.changeFeedReady()).toBe('channel-only');
    await client().set(watched.keyOf('SILENT'), pythonDocument('SILENT', true));
    const peer = new RedisFeatureFlagStore(client(), { baseKey: baseKeyOf(watched) });
    await peer.set('LOUD', true);
    await waitFor(() => flagChanges(changes, 'LOUD') > 0, 100, "the peer's published write");
    expect(flagChanges(changes, 'SILENT')).toBe(0);
    expect(changes.some((change) => change.kind === 'all')).toBe(false);
  });
});

describe('close', () => {
  it("drops the feed's own connections, keeps the application's client and stops reporting", async () => {
    const connections = async (): Promise<number> =>
      String(await sendCommand(server.port, ['CLIENT', 'LIST'])).trim().split('\n').length;
    const redis = client();
    await redis.ping();
    const baseline = await connections();
    const watched = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('close') });
    const changes = recorder(watched);
    await watched.changeFeedReady();
    expect(await connections()).toBe(baseline + 1);
    await watched.close();
    await waitFor(async () => (await connections()) === baseline, 1000, 'the subscriber to disconnect');
    expect(redis.status).toBe('ready');
    await client().set(watched.keyOf('AFTER_CLOSE'), pythonDocument('AFTER_CLOSE', true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changes).toEqual([]);
  });

  it('quits the client too with closeClient', async () => {
    const redis = new Redis(server.port, server.host);
    const owned = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('close'), closeClient: true });
    await owned.create('X');
    await owned.close();
    await waitFor(() => redis.status === 'end', 1000, 'the client to end');
    await expect(redis.ping()).rejects.toThrow();
  });
});
