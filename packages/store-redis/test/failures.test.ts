import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  FeatureFlagClient,
  FlipperError,
  InvalidArgumentError,
  StoreError,
  type ErrorEvent,
} from '@flipper-client/core';
import { FeatureFlagMeta } from '@flipper-client/core/store';
import { collect, waitFor, findSecretPaths } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

const PASSWORD = 'pw-that-must-never-be-logged-7f3a';
let server: RedisServer;
let redis: Redis;
let store: RedisFeatureFlagStore;

/** Settles `promise` and tells how long it took and what it rejected with. */
async function failure(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return { error, ms: Date.now() - started };
}

function expectStoreError(error: unknown, operation: string, featureName: string | undefined): void {
  expect(error).toBeInstanceOf(StoreError);
  const storeError = error as StoreError;
  expect(storeError.store).toBe('redis');
  expect(storeError.operation).toBe(operation);
  expect(storeError.featureName).toBe(featureName);
  expect(storeError.message).toContain('redis store');
  if (featureName !== undefined) expect(storeError.message).toContain(JSON.stringify(featureName));
  expect(storeError.message).not.toContain(PASSWORD);
}

beforeAll(async () => {
  server = await startRedis({ args: ['--requirepass', PASSWORD] });
});

afterAll(async () => {
  await server?.stop();
});

describe('when Redis goes away', () => {
  beforeAll(async () => {
    redis = new Redis(server.port, server.host, { password: PASSWORD });
    store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('down') });
    await store.create('KNOWN', { isEnabled: true });
  });

  afterAll(async () => {
    await store?.close();
    redis?.disconnect();
  });

  afterEach(async () => {
    if (!server.running) await server.restart();
  });

  it('rejects every call promptly with a StoreError naming the flag, the store and the operation', async () => {
    await server.kill();
    const calls: [string, string | undefined, Promise<unknown>][] = [
      ['get', 'KNOWN', store.get('KNOWN')],
      ['create', 'NEW', store.create('NEW')],
      ['set', 'KNOWN', store.set('KNOWN', false)],
      ['delete', 'KNOWN', store.delete('KNOWN')],
      ['setMeta', 'KNOWN', store.setMeta('KNOWN', new FeatureFlagMeta())],
      ['update', 'KNOWN', store.update('KNOWN', (item) => item.withEnabled(false))],
      ['list', undefined, collect(store.list())],
    ];
    const outcomes = await Promise.all(calls.map(([, , call]) => failure(call)));
    outcomes.forEach(({ error, ms }, i) => {
      const [operation, featureName] = calls[i]!;
      expectStoreError(error, operation, featureName);
      expect(ms).toBeLessThan(2000);
    });
  });

  it('lets isEnabled answer the default and report the failure', async () => {
    const features = new FeatureFlagClient(store);
    const errors: ErrorEvent[] = [];
    features.events.on('error', (event) => errors.push(event as ErrorEvent));
    await server.kill();
    const started = Date.now();
    expect(await features.isEnabled('KNOWN', {}, { default: true })).toBe(true);
    expect(await features.isEnabled('KNOWN')).toBe(false);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(errors.length).toBe(2);
    expectStoreError(errors[0]!.error, 'get', 'KNOWN');
  });

  it('never sends a write it has already given up on once Redis is back', async () => {
    await server.kill();
    await expect(store.create('TOO_LATE', { isEnabled: true })).rejects.toBeInstanceOf(StoreError);
    await server.restart();
    await waitFor(() => store.get('KNOWN').then(() => true, () => false), 10_000, 'the store to reach the restarted server');
    // The restarted server is empty: the flag would be there only if the failed create ran after all.
    expect(await store.get('TOO_LATE')).toBeUndefined();
  });

  it('works again, the same store, once Redis is back', async () => {
    await server.kill();
    await expect(store.get('KNOWN')).rejects.toBeInstanceOf(StoreError);
    await server.restart();
    // The restarted server is empty (no persistence): the flag is written again through the store.
    await waitFor(
      () => store.create('KNOWN', { isEnabled: true }).then(() => true, () => false),
      10_000,
      'the store to reach the restarted server',
    );
    expect((await store.get('KNOWN'))?.enabled).toBe(true);
    await store.update('KNOWN', (item) => item.withEnabled(false));
    expect((await store.get('KNOWN'))?.enabled).toBe(false);
    expect((await collect(store.list())).map((item) => item.featureName)).toEqual(['KNOWN']);
  });
});

describe('when Redis hangs', () => {
  it('times out after commandTimeoutMs and recovers when it answers again', async () => {
    const client = new Redis(server.port, server.host, { password: PASSWORD });
    const hung = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('hung'), commandTimeoutMs: 300 });
    try {
      await hung.create('SLOW', { isEnabled: true });
      server.pause();
      const { error, ms } = await failure(hung.get('SLOW'));
      server.resume();
      expectStoreError(error, 'get', 'SLOW');
      expect((error as Error).message).toContain('timed out after 300 ms');
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(ms).toBeLessThan(1500);
      expect((await hung.get('SLOW'))?.enabled).toBe(true);
    } finally {
      server.resume();
      client.disconnect();
    }
  });
});

describe('misuse', () => {
  it('rejects at once on a client the application has quit', async () => {
    const client = new Redis(server.port, server.host, { password: PASSWORD });
    const closed = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('quit') });
    await client.quit();
    await waitFor(() => client.status === 'end', 1000, 'the client to end');
    const { error, ms } = await failure(closed.get('ANY'));
    expectStoreError(error, 'get', 'ANY');
    expect(ms).toBeLessThan(100);
  });

  it('refuses a client with a keyPrefix, which would move keys away from where Python looks', () => {
    const client = new Redis(server.port, server.host, { password: PASSWORD, keyPrefix: 'app:', lazyConnect: true });
    expect(() => new RedisFeatureFlagStore(client)).toThrow(InvalidArgumentError);
    expect(() => new RedisFeatureFlagStore(client)).toThrow(/keyPrefix "app:"/);
    client.disconnect();
  });

  it.each([
    [{ baseKey: '' }, /baseKey must be a non-empty string/],
    [{ commandTimeoutMs: 0 }, /commandTimeoutMs must be a positive/],
    [{ fallbackIntervalMs: -1 }, /fallbackIntervalMs must be 0 or more/],
    [{ keyspaceEvents: 'sometimes' as 'off' }, /keyspaceEvents must be one of/],
  ])('rejects the options %o', (options, message) => {
    const client = new Redis(server.port, server.host, { lazyConnect: true });
    expect(() => new RedisFeatureFlagStore(client, options)).toThrow(message);
    client.disconnect();
  });

  it('cuts a configured password out of any error message', async () => {
    const client = new Redis(server.port, server.host, { password: PASSWORD, lazyConnect: true });
    const guarded = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('secret') });
    // A driver message quoting the password (ioredis does not today; the store must not rely on that).
    client.get = () => Promise.reject(new Error(`AUTH ${PASSWORD} refused`));
    client.mget = client.get as unknown as Redis['mget'];
    client.getBuffer = client.get as unknown as Redis['getBuffer'];
    const { error } = await failure(guarded.update('FLAG', (item) => item));
    expect(error).toBeInstanceOf(FlipperError);
    expect((error as Error).message).toContain('AUTH *** refused');
    expect((error as Error).message).not.toContain(PASSWORD);
    // Nor anywhere down its cause chain: the driver's error is kept only as a sanitized copy.
    expect(findSecretPaths(error, PASSWORD)).toEqual([]);
    expect(((error as Error).cause as Error).message).toBe('AUTH *** refused');
    client.disconnect();
  });
});
