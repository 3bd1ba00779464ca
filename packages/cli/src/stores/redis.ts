import type { Cluster } from 'ioredis';
import type { StoreSpec } from '../store-url.js';
import type { OpenedStore, OpenOptions } from './opened-store.js';
import { loadOptional } from './optional-package.js';
import { firstConnection } from './redis-connect.js';

type RedisSpec = Extract<StoreSpec, { kind: 'redis' | 'redis-cluster' }>;

function clusterOf(ClusterClient: typeof Cluster, spec: Extract<RedisSpec, { kind: 'redis-cluster' }>, timeoutMs: number): Cluster {
  return new ClusterClient(
    spec.nodes.map((node) => ({ host: node.host, port: node.port })),
    {
      redisOptions: {
        connectTimeout: timeoutMs,
        ...(spec.username === undefined ? {} : { username: spec.username }),
        ...(spec.password === undefined ? {} : { password: spec.password }),
        ...(spec.tls ? { tls: {} } : {}),
      },
    },
  );
}

export async function openRedisStore(spec: RedisSpec, options: OpenOptions): Promise<OpenedStore> {
  const { RedisFeatureFlagStore } = await loadOptional('redis', () => import('@flipper-client/store-redis'));
  const { Redis, Cluster: ClusterClient } = await loadOptional('redis', () => import('ioredis'));
  // Failures reach the caller as the store's StoreErrors; the client's own events would only
  // repeat them on stderr.
  const single = spec.kind === 'redis' ? new Redis(spec.url, { connectTimeout: options.timeoutMs }) : undefined;
  const client = spec.kind === 'redis-cluster' ? clusterOf(ClusterClient, spec, options.timeoutMs) : single!;
  client.on('error', () => undefined);
  // A one-shot command fails at once on a refused connection; watch and serve keep waiting for Redis to come up.
  if (single !== undefined && !options.forWatch) {
    await firstConnection(single, spec.display, options.timeoutMs).catch((error: unknown) => {
      client.disconnect();
      throw error;
    });
  }
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
