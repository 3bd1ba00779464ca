import type { StoreSpec } from '../store-url.js';
import type { OpenedStore, OpenOptions } from './opened-store.js';
import { loadOptional } from './optional-package.js';

type ThriftSpec = Extract<StoreSpec, { kind: 'thrift' }>;

export async function openThriftStore(spec: ThriftSpec, options: OpenOptions): Promise<OpenedStore> {
  const { FeatureFlagStoreService, ThriftRPCFeatureFlagStore } = await loadOptional('thrift', () => import('@flipper-client/store-thrift'));
  const { default: thrift } = await loadOptional('thrift', () => import('thrift'));
  const connection = thrift.createConnection(spec.host, spec.port, {
    transport: spec.framed ? thrift.TFramedTransport : thrift.TBufferedTransport,
    protocol: thrift.TBinaryProtocol,
    connect_timeout: options.timeoutMs,
  });
  const client = thrift.createClient(FeatureFlagStoreService, connection);
  const store = new ThriftRPCFeatureFlagStore(client as never, {
    connection,
    timeoutMs: options.timeoutMs,
    // A refused connection reaches the caller as the store's StoreError.
    onConnectionError: () => undefined,
  });
  return { store, spec, close: () => store.close() };
}
