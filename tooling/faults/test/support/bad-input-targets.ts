import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { encodeDocument, MemoryFeatureFlagStore, type FeatureFlagStore } from '@flipper-client/core';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '@flipper-client/s3-server';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { ConsulFeatureFlagStore } from '@flipper-client/store-consul';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { ReplicatedFeatureFlagStore } from '@flipper-client/store-replicated';
import { S3FeatureFlagStore } from '@flipper-client/store-s3';
import Consul from 'consul';
import { Redis } from 'ioredis';
import { openStore, startThriftServer, type OpenedStore, type ThriftServerProcess } from '../../src/index.js';
import { uniqueName } from './time.js';

/**
 * One store under test for the bad-input table, over a backend that belongs to this test file
 * alone, so that `snapshot()` can read the backend's whole contents: a bad input must leave every
 * byte of it as it was, and a flag name must reach exactly its own key.
 */
export interface BadInputTarget {
  /** Empties the backend and hands out a fresh store over it (called before every case). */
  reset(): Promise<FeatureFlagStore>;
  /** Everything the backend holds: key → stored text. */
  snapshot(): Promise<Map<string, string>>;
  /** The backend keys a flag name must land on (one, or one per replica). */
  keysOf(name: string): string[];
  /** Writes a document bypassing the store, as another program would. */
  writeRaw(name: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export interface TargetFactory {
  readonly label: string;
  /** False for the memory store, which keeps items, not text: no raw documents there. */
  readonly rawDocuments: boolean;
  /**
   * Whether the client hears of a document `list` skipped. Thrift's `List` has no way to say so:
   * the server skips it (and tells its own `onError`), the client sees the good flags only.
   */
  readonly listReportsInvalid: boolean;
  /**
   * Whether `isEnabled` on a corrupt document reports it on the client's `error` events. False
   * for consul: its `getSync` answers `undefined` for a document it cannot decode (the store's
   * `onError` heard of it), so the client evaluates "missing" and hears nothing — reported as a
   * bug in store-consul; set to true once its getSync throws the decoding error.
   */
  readonly reportsCorruptOnEvaluation: boolean;
  /** Names the backend cannot hold, with the reason (limits of the test server, not of the store). */
  readonly unsupportedNames: ReadonlyMap<string, string>;
  open(backends: Backends): Promise<BadInputTarget>;
}

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

async function redisSnapshot(raw: Redis): Promise<Map<string, string>> {
  const keys = (await raw.keys('*')).sort();
  const values = keys.length === 0 ? [] : await raw.mget(...keys);
  return new Map(keys.map((key, i) => [key, values[i] ?? '']));
}

function memorySnapshot(store: MemoryFeatureFlagStore, prefix = ''): Promise<Map<string, string>> {
  return (async () => {
    const out = new Map<string, string>();
    for await (const item of store.list()) out.set(prefix + item.featureName, encodeDocument(item));
    return out;
  })();
}

const noName = new Map<string, string>();

const memory: TargetFactory = {
  label: 'memory',
  rawDocuments: false,
  listReportsInvalid: true,
  reportsCorruptOnEvaluation: true,
  unsupportedNames: noName,
  async open() {
    let store = new MemoryFeatureFlagStore();
    return {
      reset: async () => (store = new MemoryFeatureFlagStore()),
      snapshot: () => memorySnapshot(store),
      keysOf: (name) => [name],
      writeRaw: () => Promise.reject(new Error('the memory store holds no raw documents')),
      close: async () => undefined,
    };
  },
};

/** A Redis store (optionally wrapped) at `bad/<name>` on the file's own Redis server. */
function redisFactory(label: string, wrap: (store: RedisFeatureFlagStore) => FeatureFlagStore | undefined): TargetFactory {
  return {
    label,
    rawDocuments: true,
    listReportsInvalid: true,
    reportsCorruptOnEvaluation: true,
    unsupportedNames: noName,
    async open({ redis, raw }) {
      const client = new Redis(redis.port, redis.host);
      let inner: RedisFeatureFlagStore | undefined;
      let store: FeatureFlagStore | undefined;
      const closeStores = async (): Promise<void> => {
        await store?.close?.();
        await inner?.close();
      };
      return {
        async reset() {
          await closeStores();
          await raw.flushdb();
          inner = new RedisFeatureFlagStore(client, { baseKey: 'bad' });
          store = wrap(inner) ?? inner;
          return store;
        },
        snapshot: () => redisSnapshot(raw),
        keysOf: (name) => [`bad/${name}`],
        writeRaw: async (name, text) => void (await raw.set(`bad/${name}`, text)),
        async close() {
          await closeStores();
          client.disconnect();
        },
      };
    },
  };
}

const consul: TargetFactory = {
  label: 'consul',
  rawDocuments: true,
  listReportsInvalid: true,
  reportsCorruptOnEvaluation: false,
  unsupportedNames: noName,
  async open({ consul: kv }) {
    const client = new Consul({ host: kv.host, port: kv.port });
    let store: ConsulFeatureFlagStore | undefined;
    const kvUrl = (key: string): string => `${kv.url}/v1/kv/${encodeURIComponent(key)}`;
    return {
      async reset() {
        await store?.close();
        await fetch(`${kv.url}/v1/kv/?recurse`, { method: 'DELETE' });
        store = new ConsulFeatureFlagStore(client, { baseKey: 'features' });
        await store.ready();
        return store;
      },
      async snapshot() {
        const response = await fetch(`${kv.url}/v1/kv/?recurse`);
        if (response.status === 404) return new Map();
        const entries = (await response.json()) as { Key: string; Value: string | null }[];
        return new Map(entries.map((entry) => [entry.Key, Buffer.from(entry.Value ?? '', 'base64').toString('utf8')]));
      },
      keysOf: (name) => [`features/${name}`],
      async writeRaw(name, text) {
        await fetch(kvUrl(`features/${name}`), { method: 'PUT', body: text });
        await store?.refresh();
      },
      async close() {
        await store?.close();
        client.destroy();
      },
    };
  },
};

const s3: TargetFactory = {
  label: 's3',
  rawDocuments: true,
  listReportsInvalid: true,
  reportsCorruptOnEvaluation: true,
  // s3rver keeps each object in a file named after its key (see tooling/s3-server's README).
  unsupportedNames: new Map([
    ['/leading', 's3rver does not route a key that starts with a slash'],
    ['//double', 's3rver does not route a key that starts with a slash'],
    ['../escape', 's3rver resolves dot segments in the file path: the object leaves the bucket'],
    ['x/../target', 's3rver resolves dot segments in the file path: the object lands on "target"'],
  ]),
  async open({ s3: server }) {
    const client = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
    let bucket = '';
    return {
      async reset() {
        bucket = uniqueName('bad').toLowerCase();
        await server.createBucket(bucket);
        return new S3FeatureFlagStore(client, bucket);
      },
      async snapshot() {
        const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
        const out = new Map<string, string>();
        for (const { Key } of listed.Contents ?? []) {
          const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
          out.set(Key!, await object.Body!.transformToString('utf8'));
        }
        return out;
      },
      keysOf: (name) => [name],
      writeRaw: async (name, text) => void (await client.send(new PutObjectCommand({ Bucket: bucket, Key: name, Body: text }))),
      close: async () => client.destroy(),
    };
  },
};

const thrift: TargetFactory = {
  label: 'thrift',
  rawDocuments: true,
  listReportsInvalid: false,
  reportsCorruptOnEvaluation: true,
  unsupportedNames: noName,
  async open({ thrift: server, thriftBaseKey, raw }) {
    const opened: OpenedStore = await openStore({ kind: 'thrift', host: server.host, port: server.port, reconnect: false });
    return {
      async reset() {
        await raw.flushdb();
        return opened.store;
      },
      snapshot: () => redisSnapshot(raw),
      keysOf: (name) => [`${thriftBaseKey}/${name}`],
      writeRaw: async (name, text) => void (await raw.set(`${thriftBaseKey}/${name}`, text)),
      close: () => opened.close(),
    };
  },
};

const replicated: TargetFactory = {
  label: 'replicated (redis → memory)',
  rawDocuments: true,
  listReportsInvalid: true,
  reportsCorruptOnEvaluation: true,
  unsupportedNames: noName,
  async open({ redis, raw }) {
    const client = new Redis(redis.port, redis.host);
    let replica = new MemoryFeatureFlagStore();
    let store: ReplicatedFeatureFlagStore | undefined;
    return {
      async reset() {
        await store?.close();
        await raw.flushdb();
        replica = new MemoryFeatureFlagStore();
        store = new ReplicatedFeatureFlagStore(new RedisFeatureFlagStore(client, { baseKey: 'bad' }), [replica], { asynch: false, closeStores: true });
        return store;
      },
      async snapshot() {
        return new Map([...(await redisSnapshot(raw)), ...(await memorySnapshot(replica, 'replica:'))]);
      },
      keysOf: (name) => [`bad/${name}`, `replica:${name}`],
      writeRaw: async (name, text) => void (await raw.set(`bad/${name}`, text)),
      async close() {
        await store?.close();
        client.disconnect();
      },
    };
  },
};

/** Every store kind of the project, each over its real backend. */
export const TARGETS: readonly TargetFactory[] = [
  memory,
  redisFactory('redis', () => undefined),
  consul,
  s3,
  thrift,
  redisFactory('cached (redis)', (store) => new CachedFeatureFlagStore(store)),
  replicated,
];
