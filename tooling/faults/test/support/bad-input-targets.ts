import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { S3RVER_CREDENTIALS } from '@flipper-client/s3-server';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { ConsulFeatureFlagStore } from '@flipper-client/store-consul';
import { S3FeatureFlagStore } from '@flipper-client/store-s3';
import Consul from 'consul';
import { memorySnapshot } from './bad-input-backends.js';
import { redisFactory, replicated, thrift } from './bad-input-redis-targets.js';
import { NO_UNSUPPORTED_NAMES as noName, type TargetFactory } from './bad-input-target.js';
import { uniqueName } from './time.js';

export type { BadInputTarget, TargetFactory } from './bad-input-target.js';

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

const consul: TargetFactory = {
  label: 'consul',
  rawDocuments: true,
  listReportsInvalid: true,
  reportsCorruptOnEvaluation: true,
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
      writeRaw: async (name, text) => void (await client.send(new PutObjectCommand({ Bucket: bucket, Key: name, Body: Buffer.from(text, 'utf8') }))),
      close: async () => client.destroy(),
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
