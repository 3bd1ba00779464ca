import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { ConnectionDroppedError, type FeatureFlagStoreServerOptions } from '../src/index.js';
import { connectClient, serverStillAnswers, startServer, type RunningServer, type Transport } from './support/loopback.js';
import { encodeCall, encodeGet, rawClient, replyType } from './support/raw-socket.js';
import { thrift } from './support/thrift-library.js';

const { Type, MessageType } = thrift.Thrift;
/** Long enough that a prompt close cannot be the stall timeout at work. */
const PATIENT = { incompleteMessageTimeoutMs: 60_000 };

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function serve(options: FeatureFlagStoreServerOptions = {}, store = new MemoryFeatureFlagStore()): Promise<RunningServer> {
  running = await startServer(store, { ...PATIENT, ...options });
  return running;
}

/** Sends `bytes`, expects the server to drop that connection promptly, and to go on serving. */
async function expectDropped(server: RunningServer, bytes: Buffer, transport: Transport, reason: RegExp): Promise<void> {
  const client = await rawClient(server.port);
  client.socket.write(bytes);
  await client.closed(2000);
  expect(server.errors.some((error) => error instanceof ConnectionDroppedError && reason.test(error.message))).toBe(true);
  expect(await serverStillAnswers(server.port, transport)).toBe(true);
}

function stringField(id: number, declaredLength: number, bytes = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(7);
  head.writeInt8(Type.STRING, 0);
  head.writeInt16BE(id, 1);
  head.writeInt32BE(declaredLength, 3);
  return Buffer.concat([head, bytes]);
}

/** A strict binary message header for `method`, as the start of a buffered message. */
function header(method: string, seqid = 1): Buffer {
  const name = Buffer.from(method);
  const out = Buffer.alloc(12 + name.length);
  out.writeInt32BE((0x80010000 | MessageType.CALL) >> 0, 0);
  out.writeInt32BE(name.length, 4);
  name.copy(out, 8);
  out.writeInt32BE(seqid, 8 + name.length);
  return out;
}

function framed(message: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(message.length, 0);
  return Buffer.concat([size, message]);
}

function createCall(clientDataBytes: number, isFramed: boolean): Buffer {
  return encodeCall(
    'Create',
    1,
    (protocol) => {
      protocol.writeFieldBegin('feature_name', Type.STRING, 1);
      protocol.writeString('BIG');
      protocol.writeFieldEnd();
      protocol.writeFieldBegin('client_data', Type.STRING, 3);
      protocol.writeString(JSON.stringify({ blob: 'x'.repeat(clientDataBytes) }));
      protocol.writeFieldEnd();
    },
    isFramed,
  );
}

describe('malformed input closes only its own connection', () => {
  it.each([
    ['an HTTP request', Buffer.from('GET / HTTP/1.1\r\nHost: flags\r\n\r\n'), /method name/],
    ['bytes with a bad protocol version', Buffer.alloc(64, 0xff), /bad protocol version/],
  ])('buffered: garbage (%s)', async (_label, bytes, reason) => {
    const server = await serve();
    await expectDropped(server, bytes, 'buffered', reason);
  });

  it('buffered: a string declared 2 GiB long, without waiting for its bytes', async () => {
    const server = await serve();
    const bytes = Buffer.concat([header('Get'), stringField(1, 0x7fffffff)]);
    await expectDropped(server, bytes, 'buffered', /string length of 2147483647 exceeds/);
  });

  it('buffered: a negative string length', async () => {
    const server = await serve();
    await expectDropped(server, Buffer.concat([header('Get'), stringField(1, -5)]), 'buffered', /negative string length/);
  });

  it('buffered: a message larger than maxFrameBytes made of strings each within their limit', async () => {
    const backend = new MemoryFeatureFlagStore();
    const server = await serve({ maxFrameBytes: 4096, maxStringBytes: 1024 * 1024 }, backend);
    await expectDropped(server, createCall(8192, false), 'buffered', /would exceed 4096 bytes/);
    expect(await backend.get('BIG')).toBeUndefined();
  });

  it('buffered: a list declared with a million elements', async () => {
    const server = await serve();
    const meta = Buffer.from([Type.STRUCT, 0, 2, Type.LIST, 0, 3, Type.MAP, 0x00, 0x0f, 0x42, 0x40]);
    const bytes = Buffer.concat([header('SetMeta'), stringField(1, 1, Buffer.from('A')), meta]);
    await expectDropped(server, bytes, 'buffered', /list size of 1000000 exceeds/);
  });

  it('framed: a frame declared 100 MiB long', async () => {
    const server = await serve({ transport: 'framed' });
    const bytes = Buffer.alloc(8);
    bytes.writeInt32BE(100 * 1024 * 1024, 0);
    await expectDropped(server, bytes, 'framed', /frame size 104857600 is outside/);
  });

  it('framed: a complete frame over the cap', async () => {
    const server = await serve({ transport: 'framed', maxFrameBytes: 1024 });
    await expectDropped(server, createCall(2048, true), 'framed', /frame size \d+ is outside 0\.\.1024/);
  });

  it('framed: a frame that ends inside its message', async () => {
    const server = await serve({ transport: 'framed' });
    const truncated = encodeGet('SOME_FLAG').subarray(0, 20);
    await expectDropped(server, framed(truncated), 'framed', /frame ends inside its message/);
  });

  it('framed: garbage', async () => {
    const server = await serve({ transport: 'framed' });
    await expectDropped(server, framed(Buffer.alloc(32, 0xff)), 'framed', /bad protocol version/);
  });

  it('drops a connection whose message stays incomplete past incompleteMessageTimeoutMs', async () => {
    const server = await serve({ incompleteMessageTimeoutMs: 100 });
    const client = await rawClient(server.port);
    client.socket.write(encodeGet('SLOW').subarray(0, 10));
    await client.closed(2000);
    expect(server.errors.some((error) => /stayed incomplete for 100 ms/.test(error.message))).toBe(true);
    expect(await serverStillAnswers(server.port)).toBe(true);
  });
});

describe('well-formed traffic around the edges', () => {
  it('answers an unknown method with an application exception and keeps the connection', async () => {
    const server = await serve();
    const client = await rawClient(server.port);
    client.socket.write(encodeCall('Explode', 7, () => undefined));
    const exception = await client.receivedAtLeast(12);
    expect(replyType(exception)).toBe(MessageType.EXCEPTION);
    const before = exception.length;
    client.socket.write(encodeGet('MISSING', 8));
    const both = await client.receivedAtLeast(before + 12);
    expect(replyType(both.subarray(before))).toBe(MessageType.REPLY);
    client.socket.destroy();
  });

  it('serves a call split across many small writes', async () => {
    const server = await serve();
    const client = await rawClient(server.port);
    const call = encodeGet('PIECEMEAL', 3);
    for (let i = 0; i < call.length; i++) {
      client.socket.write(call.subarray(i, i + 1));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(replyType(await client.receivedAtLeast(12))).toBe(MessageType.REPLY);
    client.socket.destroy();
  });

  it('serves pipelined calls, never more at once than maxPendingCallsPerConnection', async () => {
    let active = 0;
    let mostActive = 0;
    const backend = new MemoryFeatureFlagStore();
    const slowGet = backend.get.bind(backend);
    backend.get = async (name: string): Promise<FeatureFlagStoreItem | undefined> => {
      active++;
      mostActive = Math.max(mostActive, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active--;
      return slowGet(name);
    };
    await backend.create('PIPELINED', { clientData: { n: 1 } });
    const server = await serve({ maxPendingCallsPerConnection: 3 }, backend);
    const { client, connection } = await connectClient(server.port);
    const answers = await Promise.all(Array.from({ length: 60 }, () => client.Get('PIPELINED')));
    connection.end();
    expect(answers.map((item) => item.feature_name)).toEqual(Array(60).fill('PIPELINED'));
    expect(mostActive).toBeLessThanOrEqual(3);
    expect(mostActive).toBeGreaterThan(1);
  });
});

describe('clients that go away', () => {
  it('survives a client that disconnects in the middle of a message', async () => {
    const server = await serve();
    const client = await rawClient(server.port);
    client.socket.write(encodeGet('HALF').subarray(0, 9));
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.socket.destroy();
    expect(await serverStillAnswers(server.port)).toBe(true);
    expect(server.errors).toEqual([]);
  });

  it('survives a client that disconnects while its call is being served', async () => {
    const backend = new MemoryFeatureFlagStore();
    await backend.create('SLOW_FLAG', { isEnabled: true });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    let finished = false;
    const get = backend.get.bind(backend);
    backend.get = async (name: string): Promise<FeatureFlagStoreItem | undefined> => {
      if (name !== 'SLOW_FLAG') return get(name);
      started = true;
      await gate;
      finished = true;
      return get(name);
    };
    const server = await serve({}, backend);
    const client = await rawClient(server.port);
    client.socket.write(encodeGet('SLOW_FLAG'));
    while (!started) await new Promise((resolve) => setTimeout(resolve, 2));
    client.socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    while (!finished) await new Promise((resolve) => setTimeout(resolve, 2));
    // The answer to the vanished client is written nowhere; the server serves on.
    expect(await serverStillAnswers(server.port)).toBe(true);
    expect(server.errors).toEqual([]);
  });
});
