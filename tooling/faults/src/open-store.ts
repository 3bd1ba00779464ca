import type { FeatureFlagStore } from '@flipper-client/core/store';
import { openConsul, openRedis, openRedisCluster, openS3, openThrift } from './backend-openers.js';
import type { StoreSpec } from './store-spec.js';

/** Something a store or its driver reported instead of throwing: what the application's hooks would hear. */
export interface AbsorbedError {
  /** Which hook heard it: `redis.onError`, `ioredis.error`, `cached.onError`, ... */
  readonly source: string;
  readonly error: unknown;
}

/** A store built from a spec, with what is needed to tear it down. */
export interface OpenedStore {
  readonly store: FeatureFlagStore;
  /** Everything the stores' `onError`-style hooks and the drivers' `error` events received. */
  readonly absorbed: AbsorbedError[];
  close(): Promise<void>;
}

/** What a backend opener hands back: the store and how to release its connections. */
export interface OpenedBackend {
  readonly store: FeatureFlagStore;
  close(): Promise<void>;
}

export type AbsorbedSink = (source: string, error: unknown) => void;

/**
 * Builds the store a spec describes, on connections of its own. Drivers are imported only when a
 * spec needs them, so a worker that runs Redis tasks never loads the S3 SDK.
 */
export async function openStore(spec: StoreSpec): Promise<OpenedStore> {
  const absorbed: AbsorbedError[] = [];
  const sink: AbsorbedSink = (source, error) => {
    absorbed.push({ source, error });
    // A long soak must not keep every reconnect error it ever heard.
    if (absorbed.length > 1000) absorbed.splice(0, absorbed.length - 1000);
  };
  const opened = await openSpec(spec, sink);
  return { store: opened.store, absorbed, close: () => opened.close() };
}

async function openSpec(spec: StoreSpec, sink: AbsorbedSink): Promise<OpenedBackend> {
  switch (spec.kind) {
    case 'memory': {
      const { MemoryFeatureFlagStore } = await import('@flipper-client/core');
      return { store: new MemoryFeatureFlagStore(), close: async () => undefined };
    }
    case 'redis':
      return openRedis(spec, sink);
    case 'redis-cluster':
      return openRedisCluster(spec, sink);
    case 'consul':
      return openConsul(spec, sink);
    case 's3':
      return openS3(spec);
    case 'thrift':
      return openThrift(spec, sink);
    case 'cached': {
      const inner = await openSpec(spec.inner, sink);
      const { CachedFeatureFlagStore } = await import('@flipper-client/store-cached');
      const store = new CachedFeatureFlagStore(inner.store, {
        ...(spec.ttlMs === undefined ? {} : { ttlMs: spec.ttlMs }),
        onError: (error) => sink('cached.onError', error),
      });
      return {
        store,
        close: async () => {
          await store.close();
          await inner.close();
        },
      };
    }
    case 'replicated': {
      const primary = await openSpec(spec.primary, sink);
      const replicas = await Promise.all(spec.replicas.map((replica) => openSpec(replica, sink)));
      const { ReplicatedFeatureFlagStore } = await import('@flipper-client/store-replicated');
      const store = new ReplicatedFeatureFlagStore(
        primary.store,
        replicas.map((replica) => replica.store),
        {
          asynch: spec.asynch ?? false,
          ...(spec.replicationTimeoutMs === undefined ? {} : { replicationTimeoutMs: spec.replicationTimeoutMs }),
          onReplicationError: (error) => sink('replicated.onReplicationError', error),
        },
      );
      return {
        store,
        close: async () => {
          await store.close();
          await Promise.all([primary, ...replicas].map((backend) => backend.close()));
        },
      };
    }
  }
}
