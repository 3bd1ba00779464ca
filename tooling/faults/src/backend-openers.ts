import type { Cluster, Redis } from 'ioredis';
import type { AbsorbedSink, OpenedBackend } from './open-store.js';
import type { ConsulSpec, RedisClusterSpec, RedisSpec, S3Spec, ThriftSpec } from './store-spec.js';

/** One ioredis client per store, as an application would configure it (default reconnection). */
export async function openRedis(spec: RedisSpec, sink: AbsorbedSink): Promise<OpenedBackend> {
  const { Redis } = await import('ioredis');
  const client = new Redis(spec.port, spec.host, spec.password === undefined ? {} : { password: spec.password });
  return redisStoreOver(client, spec, sink);
}

export async function openRedisCluster(spec: RedisClusterSpec, sink: AbsorbedSink): Promise<OpenedBackend> {
  const { Cluster } = await import('ioredis');
  const client = new Cluster(spec.nodes.map((node) => ({ host: node.host, port: node.port })));
  return redisStoreOver(client, spec, sink);
}

/** The Redis store over `client`, errors of both absorbed; closing it disconnects the client. */
async function redisStoreOver(
  client: Redis | Cluster,
  spec: Pick<RedisSpec, 'baseKey' | 'commandTimeoutMs'>,
  sink: AbsorbedSink,
): Promise<OpenedBackend> {
  const { RedisFeatureFlagStore } = await import('@flipper-client/store-redis');
  client.on('error', (error: unknown) => sink('ioredis.error', error));
  const store = new RedisFeatureFlagStore(client, {
    baseKey: spec.baseKey,
    ...(spec.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: spec.commandTimeoutMs }),
    onError: (error) => sink('redis.onError', error),
  });
  return {
    store,
    close: async () => {
      await store.close();
      client.disconnect();
    },
  };
}

export async function openConsul(spec: ConsulSpec, sink: AbsorbedSink): Promise<OpenedBackend> {
  const { default: Consul } = await import('consul');
  const { ConsulFeatureFlagStore } = await import('@flipper-client/store-consul');
  const consul = new Consul({ host: spec.host, port: spec.port });
  const store = new ConsulFeatureFlagStore(consul, {
    baseKey: spec.baseKey,
    ...(spec.token === undefined ? {} : { token: spec.token }),
    ...(spec.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: spec.requestTimeoutMs }),
    ...(spec.retry === undefined ? {} : { retry: spec.retry }),
    onError: (error) => sink('consul.onError', error),
  });
  if (spec.awaitReady === true) await store.ready();
  return {
    store,
    close: async () => {
      await store.close();
      consul.destroy();
    },
  };
}

export async function openS3(spec: S3Spec): Promise<OpenedBackend> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  const { S3FeatureFlagStore } = await import('@flipper-client/store-s3');
  const client = new S3Client({
    endpoint: spec.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: spec.maxAttempts ?? 2,
    credentials: { accessKeyId: spec.accessKeyId ?? 'S3RVER', secretAccessKey: spec.secretAccessKey ?? 'S3RVER' },
  });
  const store = new S3FeatureFlagStore(client, spec.bucket, {
    conditionalWrites: spec.conditionalWrites,
    ...(spec.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: spec.requestTimeoutMs }),
  });
  return {
    store,
    close: async () => {
      client.destroy();
    },
  };
}

/**
 * The Thrift client store on a connection that reconnects (unbounded attempts, at most every
 * 200 ms), given to the store as `connection` so that calls in flight fail at once when it drops.
 */
export async function openThrift(spec: ThriftSpec, sink: AbsorbedSink): Promise<OpenedBackend> {
  const { default: thrift } = await import('thrift');
  const { FeatureFlagStoreService, ThriftRPCFeatureFlagStore } = await import('@flipper-client/store-thrift');
  const reconnect = spec.reconnect ?? true;
  const connection = thrift.createConnection(spec.host, spec.port, {
    transport: spec.transport === 'framed' ? thrift.TFramedTransport : thrift.TBufferedTransport,
    protocol: thrift.TBinaryProtocol,
    ...(reconnect ? { max_attempts: Number.MAX_SAFE_INTEGER, retry_max_delay: 200 } : {}),
  });
  const client = thrift.createClient(FeatureFlagStoreService, connection);
  const store = new ThriftRPCFeatureFlagStore(client, {
    connection,
    ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
    onConnectionError: (error) => sink('thrift.onConnectionError', error),
  });
  await new Promise<void>((resolve, reject) => {
    if (connection.connected) return resolve();
    connection.once('connect', () => resolve());
    connection.once('error', reject);
  });
  return { store, close: () => store.close() };
}
