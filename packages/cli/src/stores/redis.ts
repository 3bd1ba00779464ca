import type { StoreSpec } from '../store-url.js';
import type { OpenedStore, OpenOptions } from './opened-store.js';
import { loadOptional } from './optional-package.js';

type RedisSpec = Extract<StoreSpec, { kind: 'redis' | 'redis-cluster' }>;

export async function openRedisStore(spec: RedisSpec, options: OpenOptions): Promise<OpenedStore> {
  const { RedisFeatureFlagStore } = await loadOptional('redis', () => import('@flipper-client/store-redis'));
  const { Redis, Cluster } = await loadOptional('redis', () => import('ioredis'));
  // Failures reach the caller as the store's StoreErrors; the client's own events would only
  // repeat them on stderr.
  const client =
    spec.kind === 'redis'
      ? new Redis(spec.url, { connectTimeout: options.timeoutMs })
      : new Cluster(
          spec.nodes.map((node) => ({ host: node.host, port: node.port })),
          {
            redisOptions: {
              connectTimeout: options.timeoutMs,
              ...(spec.username === undefined ? {} : { username: spec.username }),
              ...(spec.password === undefined ? {} : { password: spec.password }),
              ...(spec.tls ? { tls: {} } : {}),
            },
          },
        );
  client.on('error', () => undefined);
  const store = new RedisFeatureFlagStore(client, { baseKey: spec.baseKey, commandTimeoutMs: options.timeoutMs });
  return {
    store,
    spec,
    async close() {
      await store.close();
      client.disconnect();
    },
  };
}
