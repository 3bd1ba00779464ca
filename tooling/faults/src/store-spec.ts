/**
 * A store configuration as plain JSON, so that the test process can hand the same configuration
 * to worker processes over IPC and each of them builds its own store (its own connections) from it.
 */
export type StoreSpec =
  | { readonly kind: 'memory' }
  | RedisSpec
  | RedisClusterSpec
  | ConsulSpec
  | S3Spec
  | ThriftSpec
  | CachedSpec
  | ReplicatedSpec;

export interface RedisSpec {
  readonly kind: 'redis';
  readonly host: string;
  readonly port: number;
  readonly baseKey: string;
  readonly password?: string;
  readonly commandTimeoutMs?: number;
}

export interface RedisClusterSpec {
  readonly kind: 'redis-cluster';
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  readonly baseKey: string;
  readonly commandTimeoutMs?: number;
}

export interface ConsulSpec {
  readonly kind: 'consul';
  readonly host: string;
  readonly port: number;
  readonly baseKey: string;
  readonly token?: string;
  readonly requestTimeoutMs?: number;
  readonly retry?: { readonly initialDelayMs: number; readonly maxDelayMs: number };
  /** Wait for the first sync before the store is used. */
  readonly awaitReady?: boolean;
}

export interface S3Spec {
  readonly kind: 's3';
  readonly endpoint: string;
  readonly bucket: string;
  readonly conditionalWrites: boolean;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly requestTimeoutMs?: number;
  /** The SDK's own attempts per request (its retries); default 2. */
  readonly maxAttempts?: number;
}

export interface ThriftSpec {
  readonly kind: 'thrift';
  readonly host: string;
  readonly port: number;
  readonly transport?: 'buffered' | 'framed';
  readonly timeoutMs?: number;
  /** Reconnect after the server goes away (thrift's `max_attempts`, `retry_max_delay`); default true. */
  readonly reconnect?: boolean;
}

export interface CachedSpec {
  readonly kind: 'cached';
  readonly inner: StoreSpec;
  readonly ttlMs?: number;
}

export interface ReplicatedSpec {
  readonly kind: 'replicated';
  readonly primary: StoreSpec;
  readonly replicas: readonly StoreSpec[];
  readonly asynch?: boolean;
  readonly replicationTimeoutMs?: number;
}

/** A short label for logs and test names: `cached(redis)`, `replicated(redis→s3)`. */
export function describeSpec(spec: StoreSpec): string {
  switch (spec.kind) {
    case 'cached':
      return `cached(${describeSpec(spec.inner)})`;
    case 'replicated':
      return `replicated(${describeSpec(spec.primary)}→${spec.replicas.map(describeSpec).join(',')})`;
    default:
      return spec.kind;
  }
}
