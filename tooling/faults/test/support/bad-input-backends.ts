import type { MemoryFeatureFlagStore } from '@flipper-client/core';
import { encodeDocument } from '@flipper-client/core/store';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { Redis } from 'ioredis';
import { startThriftServer, type ThriftServerProcess } from '../../src/index.js';

/** The servers the table's targets share, started once by the test file. */
export interface Backends {
  readonly redis: RedisServer;
  readonly consul: ConsulKvHandle;
  readonly s3: S3Server;
  readonly thrift: ThriftServerProcess;
  readonly thriftBaseKey: string;
  /** A raw connection to `redis` for snapshots, raw writes and FLUSHDB. */
  readonly raw: Redis;
}

export async function startBackends(): Promise<Backends> {
  const [redis, consul, s3] = await Promise.all([startRedis(), startConsulKv(), startS3Server({ conditionalWrites: true })]);
  const thriftBaseKey = 'thrift';
  const thrift = await startThriftServer({ backing: { kind: 'redis', host: redis.host, port: redis.port, baseKey: thriftBaseKey } });
  return { redis, consul, s3, thrift, thriftBaseKey, raw: new Redis(redis.port, redis.host) };
}

export async function stopBackends(backends: Backends | undefined): Promise<void> {
  if (backends === undefined) return;
  backends.raw.disconnect();
  await backends.thrift.stop();
  await Promise.all([backends.redis.stop(), backends.consul.stop(), backends.s3.stop()]);
}

/** Every key: a flag's document text, and for a history stream its length and newest id, so a stray entry shows. */
export async function redisSnapshot(raw: Redis): Promise<Map<string, string>> {
  const keys = (await raw.keys('*')).sort();
  const values = keys.length === 0 ? [] : await raw.mget(...keys);
  const snapshot = new Map<string, string>();
  for (const [i, key] of keys.entries()) {
    if (!HISTORY_KEY.test(key)) {
      snapshot.set(key, values[i] ?? '');
      continue;
    }
    const [newest] = (await raw.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    snapshot.set(key, `history: ${await raw.xlen(key)} entries, newest ${newest?.[0] ?? 'none'}`);
  }
  return snapshot;
}

// The Redis store keeps each flag's history in a stream beside it: `{<tag>}:history:<baseKey>/<name>`.
const HISTORY_KEY = /^\{[^}]*\}:history:/;

// The Consul store keeps each entry under the sibling prefix `<baseKey>.history/`.
const CONSUL_HISTORY_KEY = /^features\.history\//;

/** The keys of a target's snapshot that hold flags: what a name must land on, history streams and entries left out. */
export async function flagKeys(target: { snapshot(): Promise<Map<string, string>> }): Promise<string[]> {
  return [...(await target.snapshot()).keys()].filter((key) => !HISTORY_KEY.test(key) && !CONSUL_HISTORY_KEY.test(key)).sort();
}

export function memorySnapshot(store: MemoryFeatureFlagStore, prefix = ''): Promise<Map<string, string>> {
  return (async () => {
    const out = new Map<string, string>();
    for await (const item of store.list()) out.set(prefix + item.featureName, encodeDocument(item));
    return out;
  })();
}

