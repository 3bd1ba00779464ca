import { afterEach, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, FlagDoesNotExistError, InvalidArgumentError, StoreError } from '@flipper-client/core';
import { FeatureFlagMeta } from '@flipper-client/core/store';
import { collect, waitFor } from '@flipper-client/test-suite';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { ErrorCode, FeatureFlagStoreService, FeatureFlagStoreTypes, ThriftRPCFeatureFlagStore } from '../src/index.js';
import { connectClient, connectStore } from './support/loopback.js';
import { startScriptedServer, type Script, type ScriptedServer } from './support/scripted-server.js';
import { thrift } from './support/thrift-library.js';

const { FlipperException, FeatureFlagStoreItem, FeatureFlagStoreMeta } = FeatureFlagStoreTypes;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function storeAgainst(script: Script, timeoutMs?: number): Promise<{ store: ThriftRPCFeatureFlagStore; server: ScriptedServer }> {
  const server = await startScriptedServer(script);
  cleanups.push(() => server.close());
  const store = await connectStore(server.port, 'buffered', timeoutMs === undefined ? {} : { timeoutMs });
  cleanups.push(() => store.close());
  return { store, server };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

const notFound = (): Promise<never> => Promise.reject(new FlipperException({ code: ErrorCode.NOT_FOUND, message: 'no such flag' }));
const flagStruct = (name: string): InstanceType<typeof FeatureFlagStoreItem> =>
  new FeatureFlagStoreItem({ feature_name: name, is_enabled: true, meta: new FeatureFlagStoreMeta({ client_data: '{}' }) });

describe('NOT_FOUND', () => {
  it('is undefined from get, resolves delete, and is FlagDoesNotExistError from setMeta and set', async () => {
    const { store } = await storeAgainst({ Get: notFound, Delete: notFound, SetMeta: notFound, Set: notFound });
    await expect(store.get('GONE')).resolves.toBeUndefined();
    await expect(store.delete('GONE')).resolves.toBeUndefined();
    const setMeta = await rejection(store.setMeta('GONE', new FeatureFlagMeta()));
    expect(setMeta).toBeInstanceOf(FlagDoesNotExistError);
    expect((setMeta as FlagDoesNotExistError).featureName).toBe('GONE');
    expect(await rejection(store.set('GONE', true))).toBeInstanceOf(FlagDoesNotExistError);
  });
});

describe('failures become StoreErrors naming the store, the operation and the flag', () => {
  it('a FlipperException without a code', async () => {
    const { store } = await storeAgainst({ Get: () => Promise.reject(new FlipperException({ message: 'backend is down' })) });
    const error = (await rejection(store.get('F'))) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect([error.store, error.operation, error.featureName]).toEqual(['thrift', 'get', 'F']);
    expect(error.message).toMatch(/backend is down/);
    expect(error.cause).toBeInstanceOf(FlipperException);
  });

  it('an application exception (the server handler crashed)', async () => {
    const { store } = await storeAgainst({ Create: () => Promise.reject(new Error('handler exploded')) });
    const error = (await rejection(store.create('F'))) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.operation).toBe('create');
    expect(error.message).toMatch(/handler exploded/);
  });

  it('a reply with neither result nor error', async () => {
    const { store } = await storeAgainst({ Get: async () => null });
    const error = (await rejection(store.get('F'))) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/unknown result/);
  });

  it('no answer within timeoutMs', async () => {
    const { store } = await storeAgainst({ Get: () => new Promise(() => undefined) }, 150);
    const started = Date.now();
    const error = (await rejection(store.get('SILENT'))) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/no answer within 150 ms/);
    expect(error.featureName).toBe('SILENT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a connection that closes mid-call fails the call at once, not at the timeout', async () => {
    const sockets: Socket[] = [];
    const dropper = createServer((socket) => {
      sockets.push(socket);
      socket.once('data', () => socket.destroy());
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => dropper.close(() => resolve())));
    const store = await connectStore((dropper.address() as AddressInfo).port, 'buffered', { timeoutMs: 30_000 });
    cleanups.push(() => store.close());
    const started = Date.now();
    const error = (await rejection(store.get('F'))) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/connection closed/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a connection that reconnects fails the calls it lost at once, and serves again afterwards', async () => {
    const backend = await startScriptedServer({ Get: async (name) => flagStruct(name) });
    cleanups.push(() => backend.close());
    // The first connection is dropped at its first call; later ones are piped to the backend.
    let accepted = 0;
    const sockets: Socket[] = [];
    const flaky = createServer((socket) => {
      sockets.push(socket);
      if (accepted++ === 0) {
        socket.once('data', () => socket.destroy());
        return;
      }
      const upstream = connect(backend.port, '127.0.0.1');
      sockets.push(upstream);
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise((resolve) => {
          for (const socket of sockets) socket.destroy();
          flaky.close(() => resolve());
        }),
    );
    const connection = thrift.createConnection('127.0.0.1', (flaky.address() as AddressInfo).port, {
      transport: thrift.TBufferedTransport,
      protocol: thrift.TBinaryProtocol,
      max_attempts: 5,
      retry_max_delay: 50,
    });
    const client = thrift.createClient(FeatureFlagStoreService, connection);
    const store = new ThriftRPCFeatureFlagStore(client, { connection, timeoutMs: 30_000 });
    cleanups.push(() => store.close());
    const started = Date.now();
    const error = (await rejection(store.get('LOST'))) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/reconnecting/);
    expect(Date.now() - started).toBeLessThan(2000);
    await waitFor(() => connection.connected, 2000, 'the reconnection');
    expect((await store.get('BACK'))?.featureName).toBe('BACK');
  });

  it('a closed store', async () => {
    const { store, server } = await storeAgainst({ Get: async (name) => flagStruct(name) });
    await store.close();
    const error = (await rejection(store.get('F'))) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(/closed/);
    expect(server.calls).toEqual([]);
  });
});

describe('what the client store sends', () => {
  it('refuses an invalid name before anything is sent', async () => {
    const { store, server } = await storeAgainst({});
    expect(await rejection(store.get(''))).toBeInstanceOf(InvalidArgumentError);
    expect(await rejection(store.create('\ud800'))).toBeInstanceOf(InvalidArgumentError);
    expect(server.calls).toEqual([]);
  });

  it('lists with limit unset and offset 0 by default, as the Python client does, and passes pages on', async () => {
    const { store, server } = await storeAgainst({ List: async () => [flagStruct('A')] });
    expect((await collect(store.list())).map((item) => item.featureName)).toEqual(['A']);
    await collect(store.list({ limit: 5, offset: 2 }));
    const args = server.calls.map((call) => call.args.map((arg) => (arg === null ? null : (arg as { toNumber(): number }).toNumber())));
    expect(args).toEqual([
      [null, 0],
      [5, 2],
    ]);
    expect(await rejection(collect(store.list({ limit: -1 })))).toBeInstanceOf(InvalidArgumentError);
  });

  it('sends Create with client data as Python json.dumps text', async () => {
    const { store, server } = await storeAgainst({ Create: async (name) => flagStruct(name) });
    await store.create('NEW', { isEnabled: true, clientData: { owner: 'ü', n: 1.5 } });
    expect(server.calls[0]).toEqual({ method: 'Create', args: ['NEW', true, '{"owner": "\\u00fc", "n": 1.5}'] });
  });

  it('updates with Get then only the writes the change needs: not atomic, and says so', async () => {
    const { store, server } = await storeAgainst({
      Get: async (name) => flagStruct(name),
      Set: async () => undefined,
      SetMeta: async () => undefined,
    });
    expect(store.atomicUpdates).toBe(false);
    await new FeatureFlagClient(store).disable('F');
    await new FeatureFlagClient(store).setClientData('F', { a: 1 });
    expect(server.calls.map((call) => call.method)).toEqual(['Get', 'Set', 'Get', 'SetMeta']);
    expect(server.calls[1]!.args).toEqual(['F', false]);
  });
});

it('the generated client can be handed to the store as it comes from thrift.createClient', async () => {
  const server = await startScriptedServer({ Get: async (name) => flagStruct(name) });
  cleanups.push(() => server.close());
  const { client, connection } = await connectClient(server.port);
  const store = new ThriftRPCFeatureFlagStore(client);
  cleanups.push(async () => connection.end());
  expect((await store.get('TYPED'))?.enabled).toBe(true);
});

describe('a failed write says what became of it', () => {
  it('WRITE_OUTCOME_UNKNOWN when it was sent and got no answer', async () => {
    const { store } = await storeAgainst({ Set: () => new Promise(() => undefined) }, 150);
    const error = (await rejection(store.set('F', true))) as StoreError;
    expect([error.name, error.code]).toEqual(['WriteOutcomeUnknownError', 'WRITE_OUTCOME_UNKNOWN']);
    expect(error.message).toContain('may or may not have been applied');
  });

  it('WRITE_NOT_APPLIED when the server answered with its exception, or the call was never sent', async () => {
    const { store } = await storeAgainst({ Set: () => Promise.reject(new FlipperException({ message: 'backend is down' })) });
    const answered = (await rejection(store.set('F', true))) as StoreError;
    expect([answered.name, answered.code]).toEqual(['WriteNotAppliedError', 'WRITE_NOT_APPLIED']);
    await store.close();
    const refused = (await rejection(store.create('F'))) as StoreError;
    expect([refused.code, refused.message]).toEqual(['WRITE_NOT_APPLIED', expect.stringContaining('the store is closed')]);
    // A read that fails stays a plain StoreError.
    expect(((await rejection(store.get('F'))) as StoreError).code).toBe('STORE_FAILURE');
  });
});
