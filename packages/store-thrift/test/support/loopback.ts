import { FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import type { AddressInfo } from 'node:net';
import {
  createFeatureFlagStoreServer,
  FeatureFlagStoreService,
  ThriftRPCFeatureFlagStore,
  type FeatureFlagStoreServer,
  type FeatureFlagStoreServerOptions,
  type ThriftStoreOptions,
} from '../../src/index.js';
import { thrift, type ThriftConnection } from './thrift-library.js';

export type Transport = 'buffered' | 'framed';

export interface RunningServer {
  server: FeatureFlagStoreServer;
  port: number;
  errors: Error[];
  close(): Promise<void>;
}

/** Our server over `store` on a free loopback port; `errors` collects what it reported. */
export async function startServer(store: FeatureFlagStore, options: FeatureFlagStoreServerOptions = {}): Promise<RunningServer> {
  const errors: Error[] = [];
  const server = createFeatureFlagStoreServer(store, {
    ...options,
    onError: (error, context) => {
      errors.push(error);
      options.onError?.(error, context);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type GeneratedClient = InstanceType<typeof FeatureFlagStoreService.Client>;

/** A thrift connection to a loopback port, once it is connected. */
export async function openConnection(port: number, transport: Transport = 'buffered'): Promise<ThriftConnection> {
  const connection = thrift.createConnection('127.0.0.1', port, {
    transport: transport === 'framed' ? thrift.TFramedTransport : thrift.TBufferedTransport,
    protocol: thrift.TBinaryProtocol,
  });
  await new Promise<void>((resolve, reject) => {
    connection.once('connect', () => resolve());
    connection.once('error', reject);
  });
  return connection;
}

/** The generated client on its own connection, as an application sets it up. */
export async function connectClient(port: number, transport: Transport = 'buffered'): Promise<{ client: GeneratedClient; connection: ThriftConnection }> {
  const connection = await openConnection(port, transport);
  return { client: thrift.createClient(FeatureFlagStoreService, connection), connection };
}

/** Our client store over the generated client; closing the store ends the connection. */
export async function connectStore(
  port: number,
  transport: Transport = 'buffered',
  options: Omit<ThriftStoreOptions, 'connection'> = {},
): Promise<ThriftRPCFeatureFlagStore> {
  const { client, connection } = await connectClient(port, transport);
  return new ThriftRPCFeatureFlagStore(client, { ...options, connection });
}

/** Proof that a server still serves: a fresh client creates and reads a flag. */
export async function serverStillAnswers(port: number, transport: Transport = 'buffered'): Promise<boolean> {
  const store = await connectStore(port, transport);
  try {
    const features = new FeatureFlagClient(store);
    await features.create('STILL_ALIVE', { isEnabled: true });
    return await features.isEnabled('STILL_ALIVE');
  } finally {
    await store.close();
  }
}
