import type { AddressInfo } from 'node:net';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '@flipper-client/s3-server';
import { createFeatureFlagStoreServer } from '@flipper-client/store-thrift';

/** A Thrift flag service over a memory store of its own, in this process, on a free loopback port. */
export interface ThriftService {
  readonly url: string;
  readonly store: FeatureFlagStore;
  close(): Promise<void>;
}

export async function startThriftService(store: FeatureFlagStore = new MemoryFeatureFlagStore()): Promise<ThriftService> {
  const server = createFeatureFlagStoreServer(store, { maxContainerItems: 100_000, maxFrameBytes: 64 * 1024 * 1024 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `thrift://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The real services the suite starts, each on a free loopback port. */
export interface Services {
  readonly redis: RedisServer;
  readonly consul: ConsulKvHandle;
  readonly s3: S3Server;
  /** What the spawned binary needs to reach the S3 server: the AWS SDK's usual environment. */
  readonly s3Env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startServices(buckets: readonly string[]): Promise<Services> {
  const [redis, consul, s3] = await Promise.all([startRedis(), startConsulKv({ maxRecordedRequests: 0 }), startS3Server({ buckets: [...buckets] })]);
  return {
    redis,
    consul,
    s3,
    s3Env: {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    async stop() {
      await Promise.allSettled([redis.stop(), consul.stop(), s3.stop()]);
    },
  };
}
