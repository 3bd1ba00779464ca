import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagStoreItem, WriteNotAppliedError, WriteOutcomeUnknownError } from '@flipper-client/core/store';
import Consul from 'consul';
import { createServer, type Server, type Socket } from 'node:net';
import { ConsulFeatureFlagStore } from '../src/index.js';

/** A server that accepts connections and never answers: a hung Consul, or a silent partition. */
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

function storeAt(port: number): ConsulFeatureFlagStore {
  return new ConsulFeatureFlagStore(new Consul({ host: '127.0.0.1', port }), { requestTimeoutMs: 300 });
}

describe('a failed Consul write', () => {
  it('is WRITE_OUTCOME_UNKNOWN when the request got no answer in time', async () => {
    const { port } = silent.address() as { port: number };
    const store = storeAt(port);
    try {
      const failure = await store.put(new FeatureFlagStoreItem('F', true)).then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(WriteOutcomeUnknownError);
      expect((failure as Error).message).toContain('may or may not have been applied');
    } finally {
      await store.close();
    }
  });

  it('is WRITE_NOT_APPLIED when the connection was refused, or the read a check-and-set compares against failed', async () => {
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const store = storeAt(port);
    try {
      const writes: [string, () => Promise<unknown>][] = [
        ['create', () => store.create('F')],
        ['set', () => store.set('F', true)],
        ['delete', () => store.delete('F')],
      ];
      for (const [operation, write] of writes) {
        const failure = await write().then(() => 'resolved', (error: unknown) => error);
        expect([operation, (failure as WriteNotAppliedError).code]).toEqual([operation, 'WRITE_NOT_APPLIED']);
      }
    } finally {
      await store.close();
    }
  });
});
