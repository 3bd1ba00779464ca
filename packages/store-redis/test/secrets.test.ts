import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { StoreError, type FlipperError } from '@flipper-client/core';
import { waitFor, findSecretPaths } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

const RIGHT_PASSWORD = 'right-password-k2Lw9';
const WRONG_PASSWORD = 'wrong-SECRET-p4Xq7';

let server: RedisServer;
const opened: { close(): Promise<unknown> | unknown }[] = [];

function storeWithWrongPassword(onError: (error: FlipperError) => void): RedisFeatureFlagStore {
  // ioredis waits disconnectTimeout (2 s) for a refused connection's socket to close on disconnect.
  const client = new Redis(server.port, server.host, { password: WRONG_PASSWORD, disconnectTimeout: 50 });
  // The application's own client reports its failed AUTH, command and password included: that is
  // the driver's event on the application's object, not something the store hands out.
  client.on('error', () => {});
  const store = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('secrets'), commandTimeoutMs: 300, onError });
  opened.push(store, { close: () => client.disconnect() });
  return store;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  server = await startRedis({ args: ['--requirepass', RIGHT_PASSWORD] });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
});

afterAll(async () => {
  await server?.stop();
});

describe('a password that fails to authenticate', () => {
  it('changeFeedReady rejects with a StoreError whose cause holds no command and no password', async () => {
    const store = storeWithWrongPassword(() => {});
    const error = await rejection(store.changeFeedReady());
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).operation).toBe('watch');
    const cause = (error as StoreError).cause as Error & { command?: unknown };
    // What a log needs is kept: the server's answer.
    expect(cause.message).toContain('WRONGPASS');
    expect(cause.command).toBeUndefined();
    expect(findSecretPaths(error, WRONG_PASSWORD)).toEqual([]);
  });

  it('reaches onError only as StoreErrors with nothing of the password reachable', async () => {
    const heard: FlipperError[] = [];
    const store = storeWithWrongPassword((error) => heard.push(error));
    store.watch(() => {});
    await waitFor(() => heard.length >= 2, 2000, 'the feed to report its failures');
    for (const error of heard) expect(error).toBeInstanceOf(StoreError);
    expect(heard.map((error) => (error.cause as Error).message).join('\n')).toContain('WRONGPASS');
    expect(findSecretPaths(heard, WRONG_PASSWORD)).toEqual([]);
  });

  it('rejects reads and writes with StoreErrors that hold nothing of the password', async () => {
    const store = storeWithWrongPassword(() => {});
    const errors = await Promise.all([rejection(store.get('FLAG')), rejection(store.create('FLAG')), rejection(store.set('FLAG', true))]);
    for (const error of errors) expect(error).toBeInstanceOf(StoreError);
    expect(findSecretPaths(errors, WRONG_PASSWORD)).toEqual([]);
  });
});
