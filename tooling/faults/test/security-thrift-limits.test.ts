import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { encodeCall, frame, openStore, startThriftServer, type OpenedStore, type RedisSpec, type ThriftServerProcess, type WireField } from '../src/index.js';
import { uniqueName, within } from './support/time.js';

/**
 * The Thrift server with its default limits (1 MiB per message or frame, strings up to that),
 * in a process of its own over Redis, fed oversized input on a raw socket: the connection is
 * dropped before the bytes are buffered, the process's memory does not follow the declared
 * sizes, nothing reaches the store, and the server goes on serving.
 */
const MIB = 1024 * 1024;

let redis: RedisServer;
let backing: RedisSpec;
let buffered: ThriftServerProcess;
let framed: ThriftServerProcess;
let direct: OpenedStore;

beforeAll(async () => {
  redis = await startRedis();
  backing = { kind: 'redis', host: redis.host, port: redis.port, baseKey: uniqueName('limits') };
  [buffered, framed, direct] = await Promise.all([
    startThriftServer({ backing }),
    startThriftServer({ backing, transport: 'framed' }),
    openStore(backing),
  ]);
});

afterAll(async () => {
  await direct?.close();
  await Promise.all([buffered?.stop(), framed?.stop()]);
  await redis?.stop();
});

function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN) * 1024;
}

/** Writes `bytes`, resolves how long the server took to close the connection (rejects after 5 s). */
function sendUntilDropped(server: ThriftServerProcess, bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, server.host);
    const started = Date.now();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open'));
    }, 5000);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.on('connect', () => socket.write(bytes));
  });
}

const drops = (server: ThriftServerProcess): number => server.serverErrors.filter((error) => error.name === 'ConnectionDroppedError').length;

const createCall = (clientData: WireField): Buffer =>
  encodeCall('Create', 1, [{ id: 1, type: 'string', value: 'OVERSIZE' }, { id: 2, type: 'bool', value: true }, clientData]);

const CASES: readonly (readonly [string, () => ThriftServerProcess, Buffer])[] = [
  ['buffered: a string declared 2 GiB long', () => buffered, createCall({ id: 3, type: 'declared-string', declaredLength: 0x7fffffff, bytes: Buffer.from('{"a"') })],
  ['buffered: a string declared 64 MiB long', () => buffered, createCall({ id: 3, type: 'declared-string', declaredLength: 64 * MIB })],
  ['buffered: a 2 MiB message sent whole', () => buffered, createCall({ id: 3, type: 'string', value: JSON.stringify({ blob: 'x'.repeat(2 * MIB) }) })],
  ['buffered: a 2 MiB flag name', () => buffered, encodeCall('Get', 1, [{ id: 1, type: 'string', value: 'n'.repeat(2 * MIB) }])],
  ['framed: a frame declared 1 GiB long', () => framed, frame(createCall({ id: 3, type: 'string', value: '{}' }), 1024 * MIB)],
  ['framed: a 2 MiB frame sent whole', () => framed, frame(createCall({ id: 3, type: 'string', value: JSON.stringify({ blob: 'x'.repeat(2 * MIB) }) }))],
];

describe('the Thrift server caps frame and string sizes (defaults)', () => {
  it.each(CASES)('%s: the connection is dropped, memory stays flat, nothing is written, others are served', async (_label, server, bytes) => {
    const pid = server().pid!;
    const before = residentBytes(pid);
    const dropsBefore = drops(server());
    const droppedIn = await sendUntilDropped(server(), bytes);
    expect(droppedIn).toBeLessThan(2000);
    // A server that believed the declared sizes would grow by them (64 MiB to 2 GiB).
    expect(residentBytes(pid) - before).toBeLessThan(32 * MIB);
    expect(server().running).toBe(true);
    await within(2000, 'the server reports the dropped connection', () => drops(server()) > dropsBefore);
    expect(await direct.store.get('OVERSIZE')).toBeUndefined();

    const client = await openStore({ kind: 'thrift', host: server().host, port: server().port, reconnect: false, transport: server() === framed ? 'framed' : 'buffered' });
    try {
      const features = new FeatureFlagClient(client.store);
      await features.create('SERVED', { isEnabled: true });
      expect(await features.isEnabled('SERVED')).toBe(true);
    } finally {
      await client.close();
    }
  });
});
