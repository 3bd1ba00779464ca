import type { AddressInfo } from 'node:net';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import {
  createFeatureFlagStoreServer,
  FeatureFlagStoreService,
  ThriftRPCFeatureFlagStore,
  type FeatureFlagStoreThriftClient,
} from '@flipper-client/store-thrift';
import thrift from 'thrift';

/** A Thrift server over `store` on a free loopback port (buffered transport, binary protocol: the defaults). */
export interface RunningThriftServer {
  readonly port: number;
  /** What the server absorbed and reported (store failures while serving a call, dropped connections). */
  readonly errors: Error[];
  close(): Promise<void>;
}

export async function startThriftServer(store: FeatureFlagStore): Promise<RunningThriftServer> {
  const errors: Error[] = [];
  const server = createFeatureFlagStoreServer(store, { onError: (error) => errors.push(error) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The client store as the package README sets it up; closing the store ends the connection. */
export async function connectThriftStore(port: number): Promise<ThriftRPCFeatureFlagStore> {
  const connection = thrift.createConnection('127.0.0.1', port, {
    transport: thrift.TBufferedTransport,
    protocol: thrift.TBinaryProtocol,
  });
  await new Promise<void>((resolve, reject) => {
    connection.once('connect', () => resolve());
    connection.once('error', reject);
  });
  const client = thrift.createClient(FeatureFlagStoreService, connection) as unknown as FeatureFlagStoreThriftClient;
  return new ThriftRPCFeatureFlagStore(client, { connection, timeoutMs: 2000 });
}
