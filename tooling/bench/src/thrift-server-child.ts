import type { AddressInfo, Server } from 'node:net';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { importPackageByName } from './workspace-packages.js';

/**
 * The server side of the Thrift scenario, in a process of its own as a flag service would be:
 * `createFeatureFlagStoreServer` over a memory store on a free loopback port. It reports the
 * port on the IPC channel and stops when the parent says so or goes away.
 * Argument: the transport, `buffered` or `framed`.
 */

export type ThriftServerMessage = { type: 'listening'; port: number };

interface StoreThriftServerModule {
  createFeatureFlagStoreServer(store: FeatureFlagStore, options: { transport: 'buffered' | 'framed' }): Server;
}

async function main(): Promise<void> {
  const transport = process.argv[2] === 'framed' ? 'framed' : 'buffered';
  const thrift = await importPackageByName<StoreThriftServerModule>('@flipper-client/store-thrift');
  const server = thrift.createFeatureFlagStoreServer(new MemoryFeatureFlagStore(), { transport });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const stop = (): void => {
    server.close();
    process.exit(0);
  };
  process.on('message', stop);
  process.on('disconnect', stop);
  process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies ThriftServerMessage);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
