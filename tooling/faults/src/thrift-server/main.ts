/**
 * A Thrift server process: `createFeatureFlagStoreServer` over a store built from a spec, on a
 * loopback port. Being a process of its own, it can be killed in the middle of a call and a new
 * one started on the same port.
 */
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { createFeatureFlagStoreServer } from '@flipper-client/store-thrift';
import type { AddressInfo } from 'node:net';
import { openStore } from '../open-store.js';
import { THRIFT_SERVER_CONFIG, type ThriftServerConfig, type ThriftServerMessage } from './protocol.js';

function send(message: ThriftServerMessage): void {
  if (process.connected) process.send?.(message);
}

/** The store with every `get` delayed (everything else passes through untouched). */
function withSlowGets(store: FeatureFlagStore, delayMs: number): FeatureFlagStore {
  if (delayMs <= 0) return store;
  return new Proxy(store, {
    get(target, property) {
      if (property === 'get') {
        return async (featureName: string) => {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return target.get(featureName);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env[THRIFT_SERVER_CONFIG] ?? '') as ThriftServerConfig;
  const opened = await openStore(config.backing);
  const server = createFeatureFlagStoreServer(withSlowGets(opened.store, config.getDelayMs), {
    transport: config.transport,
    onError: (error) => send({ type: 'server-error', name: error.name, message: error.message }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => resolve());
  });
  send({ type: 'listening', port: (server.address() as AddressInfo).port });
}

process.on('disconnect', () => process.exit(0));
main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
