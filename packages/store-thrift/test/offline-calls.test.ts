import { afterEach, describe, expect, it } from '@jest/globals';
import { StoreError } from '@flipper-client/core';
import { waitFor } from '@flipper-client/test-suite';
import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { FeatureFlagStoreService, FeatureFlagStoreTypes, ThriftRPCFeatureFlagStore } from '../src/index.js';
import { connectClient } from './support/loopback.js';
import { startScriptedServer, type ScriptedServer } from './support/scripted-server.js';
import { startSwitchableFront } from './support/switchable-front.js';
import { thrift, type ThriftConnection } from './support/thrift-library.js';

/*
 * The thrift package queues what is written while its connection is down and sends it after a
 * reconnect. A call the store already reported as failed must never reach a server that way.
 */
const { FeatureFlagStoreItem, FeatureFlagStoreMeta } = FeatureFlagStoreTypes;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const flagStruct = (name: string): InstanceType<typeof FeatureFlagStoreItem> =>
  new FeatureFlagStoreItem({ feature_name: name, is_enabled: true, meta: new FeatureFlagStoreMeta({ client_data: '{}' }) });

async function backend(): Promise<ScriptedServer> {
  const server = await startScriptedServer({
    Create: async (name) => flagStruct(name),
    Get: async (name) => flagStruct(name),
    Delete: async () => undefined,
  });
  cleanups.push(() => server.close());
  return server;
}

/** A reconnecting connection (as the README sets it up) and the store over it. */
function reconnectingStore(port: number, timeoutMs: number): { store: ThriftRPCFeatureFlagStore; connection: ThriftConnection & { offline_queue: unknown[] } } {
  const connection = thrift.createConnection('127.0.0.1', port, {
    transport: thrift.TBufferedTransport,
    protocol: thrift.TBinaryProtocol,
    max_attempts: Number.MAX_SAFE_INTEGER,
    retry_max_delay: 50,
  }) as ThriftConnection & { offline_queue: unknown[] };
  const store = new ThriftRPCFeatureFlagStore(thrift.createClient(FeatureFlagStoreService, connection), { connection, timeoutMs });
  cleanups.push(() => store.close());
  return { store, connection };
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('while the connection is down', () => {
  it('calls are refused at once and never reach the server after it comes back', async () => {
    const server = await backend();
    const front = await startSwitchableFront(server.port);
    cleanups.push(() => front.down());
    const { store, connection } = reconnectingStore(front.port, 30_000);
    expect((await store.get('BEFORE'))?.featureName).toBe('BEFORE');

    await front.down();
    await waitFor(() => !connection.connected, 2000, 'the connection to notice the loss');
    const started = Date.now();
    const refused = [await rejection(store.create('REFUSED')), await rejection(store.delete('BEFORE'))];
    expect(Date.now() - started).toBeLessThan(1000);
    expect(refused.map((error) => [error.operation, error.featureName])).toEqual([
      ['create', 'REFUSED'],
      ['delete', 'BEFORE'],
    ]);
    for (const error of refused) expect(error.message).toMatch(/the call was not sent/);
    expect(connection.offline_queue).toEqual([]);

    await front.up();
    await waitFor(() => connection.connected, 3000, 'the reconnection');
    expect((await store.get('AFTER'))?.featureName).toBe('AFTER');
    expect(server.calls.map((call) => [call.method, call.args[0]])).toEqual([
      ['Get', 'BEFORE'],
      ['Get', 'AFTER'],
    ]);
  });

  it('calls waiting for the first connect fail when it fails, and are not sent once it succeeds', async () => {
    const server = await backend();
    const port = await freePort();
    const { store, connection } = reconnectingStore(port, 30_000);
    const error = await rejection(store.create('EARLY'));
    expect(error.message).toMatch(/reconnecting/);
    expect(await rejection(store.create('REFUSED'))).toMatchObject({ message: expect.stringMatching(/the call was not sent/) });

    const front = await startSwitchableFront(server.port, port);
    cleanups.push(() => front.down());
    await waitFor(() => connection.connected, 3000, 'the connection');
    expect((await store.get('AFTER'))?.featureName).toBe('AFTER');
    expect(server.calls.map((call) => [call.method, call.args[0]])).toEqual([['Get', 'AFTER']]);
  });
});

describe('before the first connect', () => {
  it('calls wait for it and are sent once connected, as when a store is used right after createConnection', async () => {
    const server = await backend();
    const { store, connection } = reconnectingStore(server.port, 5000);
    expect(connection.connected).toBe(false);
    const [created, read] = await Promise.all([store.create('FIRST'), store.get('SECOND')]);
    expect([created.featureName, read?.featureName]).toEqual(['FIRST', 'SECOND']);
    expect(server.calls.map((call) => call.method).sort()).toEqual(['Create', 'Get']);
  });

  it('a call that times out waiting is dropped: a connect after the timeout does not send it', async () => {
    const server = await backend();
    const { client, connection } = await connectClient(server.port);
    cleanups.push(() => connection.end());
    // The store watches a connection that has not connected yet; the client writes to a live one,
    // so anything the store sent would reach the server.
    const watched = Object.assign(new EventEmitter(), { connected: false, end: () => undefined });
    const store = new ThriftRPCFeatureFlagStore(client, { connection: watched, timeoutMs: 100 });
    const error = await rejection(store.create('LATE'));
    expect(error.message).toMatch(/not connected; the call was not sent within 100 ms/);

    watched.connected = true;
    watched.emit('connect');
    expect((await store.get('NEXT'))?.featureName).toBe('NEXT');
    expect(server.calls.map((call) => [call.method, call.args[0]])).toEqual([['Get', 'NEXT']]);
  });
});
