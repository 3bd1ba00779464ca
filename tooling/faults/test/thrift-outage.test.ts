import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, StoreError } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { connect } from 'node:net';
import {
  encodeCall,
  frame,
  openStore,
  startThriftServer,
  type OpenedStore,
  type RedisSpec,
  type ThriftServerProcess,
} from '../src/index.js';
import { reportFigures } from './support/figures.js';
import { settle, sleep, uniqueName, within } from './support/time.js';

/**
 * The Thrift server runs in a process of its own, in front of Redis (so the flags outlive it, as
 * in a deployment where the Thrift service fronts a shared store). It is SIGKILLed in the middle
 * of a call, and a new server process is started on the same port.
 */
const CALL_TIMEOUT_MS = 3000;

let redis: RedisServer;
let backing: RedisSpec;
const opened: OpenedStore[] = [];
const servers: ThriftServerProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
  backing = { kind: 'redis', host: redis.host, port: redis.port, baseKey: uniqueName('thrift') };
});

afterAll(async () => {
  for (const store of opened) await store.close();
  for (const server of servers) await server.stop();
  await redis?.stop();
});

async function thriftServer(options: Parameters<typeof startThriftServer>[0]): Promise<ThriftServerProcess> {
  const server = await startThriftServer({ backing, ...options });
  servers.push(server);
  return server;
}

async function thriftStore(server: ThriftServerProcess, reconnect: boolean, transport: 'buffered' | 'framed' = 'buffered'): Promise<FeatureFlagStore> {
  const store = await openStore({ kind: 'thrift', host: server.host, port: server.port, timeoutMs: CALL_TIMEOUT_MS, reconnect, transport });
  opened.push(store);
  return store.store;
}

describe('Thrift server killed mid-call', () => {
  it('fails the call in flight at once with a typed error, and the same store reaches a new server on the same port (reconnecting connection)', async () => {
    const server = await thriftServer({ getDelayMs: 1000 });
    const store = await thriftStore(server, true);
    const features = new FeatureFlagClient(store);
    await features.create('KNOWN', { isEnabled: true });

    const inFlight = settle(store.get('KNOWN'));
    await sleep(200);
    const killedAt = Date.now();
    await server.kill();
    const { error } = await inFlight;
    const failedAfterKillMs = Date.now() - killedAt;
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ store: 'thrift', operation: 'get', featureName: 'KNOWN' });
    expect(failedAfterKillMs).toBeLessThan(500);
    expect(await features.isEnabled('KNOWN')).toBe(false);

    await server.restart({ getDelayMs: 0 });
    const reconnectedIn = await within(3000, 'the same store is served by the new server', async () => {
      const answer = await settle(store.get('KNOWN'));
      return answer.error === undefined;
    });
    expect(reconnectedIn).toBeLessThan(3000);
    reportFigures('thrift kill mid-call', { failedAfterKillMs, reconnectedIn });
    expect(await features.isEnabled('KNOWN')).toBe(true);
    await features.disable('KNOWN');
    expect(await features.isEnabled('KNOWN', {}, { default: true })).toBe(false);
  });

  it('without reconnect options the connection stays down: calls after the restart are refused at once with typed errors', async () => {
    const server = await thriftServer({});
    const store = await thriftStore(server, false);
    await store.create('ONCE', { isEnabled: true });
    await server.kill();
    await server.restart();
    const { error, ms } = await settle(store.get('ONCE'));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ store: 'thrift', operation: 'get', featureName: 'ONCE' });
    expect((error as StoreError).message).toContain('the call was not sent');
    expect(ms).toBeLessThan(500);
  });
});

describe('calls refused during an outage', () => {
  it('are never sent later: after restart, `exists` is false for a refused create and true for a refused delete', async () => {
    const server = await thriftServer({});
    const store = await thriftStore(server, true);
    const features = new FeatureFlagClient(store);
    await features.create('KEPT', { isEnabled: true });
    await server.kill();

    const refusedCreate = await settle(features.create('REFUSED_CREATE'));
    const refusedDestroy = await settle(store.delete('KEPT'));
    for (const [refused, operation] of [
      [refusedCreate, 'create'],
      [refusedDestroy, 'delete'],
    ] as const) {
      expect(refused.error).toBeInstanceOf(StoreError);
      expect(refused.error).toMatchObject({ store: 'thrift', operation });
      expect(refused.ms).toBeLessThan(CALL_TIMEOUT_MS);
    }

    await server.restart();
    await within(3000, 'the same store is served by the new server', async () => (await settle(store.get('KEPT'))).error === undefined);
    // Long enough for anything the connection held back to have reached the new server.
    await sleep(1500);
    expect(await features.exists('REFUSED_CREATE')).toBe(false);
    expect(await features.exists('KEPT')).toBe(true);
    const direct = await openStore(backing);
    opened.push(direct);
    expect(await direct.store.get('REFUSED_CREATE')).toBeUndefined();
    expect(await direct.store.get('KEPT')).toBeDefined();
  });
});

describe('a client that disconnects in the middle of a frame', () => {
  it.each(['framed', 'buffered'] as const)('%s: costs the server nothing and writes nothing', async (transport) => {
    const server = await thriftServer({ transport });
    const call = encodeCall('Create', 1, [
      { id: 1, type: 'string', value: 'HALF_SENT' },
      { id: 2, type: 'bool', value: true },
      { id: 3, type: 'string', value: '{"sent": "in part"}' },
    ]);
    const bytes = transport === 'framed' ? frame(call) : call;
    const socket = connect(server.port, server.host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(bytes.subarray(0, bytes.length - 8));
    await sleep(50);
    socket.destroy();
    await sleep(50);

    expect(server.running).toBe(true);
    const store = await thriftStore(server, false, transport);
    const features = new FeatureFlagClient(store);
    expect(await features.exists('HALF_SENT')).toBe(false);
    await features.create('AFTERWARDS', { isEnabled: true });
    expect(await features.isEnabled('AFTERWARDS')).toBe(true);
    const direct = await openStore(backing);
    opened.push(direct);
    expect(await direct.store.get('HALF_SENT')).toBeUndefined();
  });
});
