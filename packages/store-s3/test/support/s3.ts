import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ConformanceStoreHandle } from '@flipper-client/test-suite';
import { afterAll, beforeAll } from '@jest/globals';
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from '@flipper-client/s3-server';
import { S3FeatureFlagStore, type S3StoreOptions } from '../../src/index.js';

/** The real SDK client, as an application configures it for an S3-compatible endpoint. */
export function createS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    // One retry: a test against a stopped server should hear of it promptly.
    maxAttempts: 2,
  });
}

let bucketCounter = 0;

/** A fresh bucket name (3–63 lowercase characters) per call. */
export function uniqueBucketName(): string {
  bucketCounter += 1;
  return `flags-${process.pid}-${bucketCounter}`;
}

/** Counts the requests a client sends, by command name, and how many are in flight at once. */
export class RequestCounter {
  readonly counts = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;

  constructor(client: S3Client) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName);
        this.counts.set(command, (this.counts.get(command) ?? 0) + 1);
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        try {
          return await next(args);
        } finally {
          this.inFlight -= 1;
        }
      },
      { step: 'initialize', name: 'flipperRequestCounter' },
    );
  }

  count(command: string): number {
    return this.counts.get(command) ?? 0;
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }

  reset(): void {
    this.counts.clear();
    this.maxInFlight = 0;
  }
}

/** Writes `text` as the object of a flag, bypassing the store: a raw PutObject. */
export async function putRaw(client: S3Client, bucket: string, key: string, text: string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: 'application/json' }));
}

/** The exact body of an object, bypassing the store; undefined when no object has the key. */
export async function getRaw(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await object.Body!.transformToString();
  } catch (error) {
    if ((error as { name?: unknown }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** A conformance handle: a store over a new, empty bucket, peers on their own clients, raw reads and writes. */
export function conformanceHandle(
  server: () => S3Server,
  options: S3StoreOptions,
): () => Promise<ConformanceStoreHandle> {
  return async () => {
    const bucket = uniqueBucketName();
    await server().createBucket(bucket);
    const clients: S3Client[] = [];
    const newClient = (): S3Client => {
      const client = createS3Client(server().endpoint);
      clients.push(client);
      return client;
    };
    const rawClient = newClient();
    return {
      store: new S3FeatureFlagStore(newClient(), bucket, options),
      connect: async () => new S3FeatureFlagStore(newClient(), bucket, options),
      writeRaw: (featureName, text) => putRaw(rawClient, bucket, `${options.prefix ?? ''}${featureName}`, text),
      readRaw: (featureName) => getRaw(rawClient, bucket, `${options.prefix ?? ''}${featureName}`),
      cleanup: async () => {
        for (const client of clients.splice(0)) client.destroy();
      },
    };
  };
}

/**
 * Starts one S3 server for the test file (and a client on it), stopped after the file; each
 * `freshBucket()` creates a new, empty bucket on it.
 */
export function useS3Server(options: { conditionalWrites: boolean }): {
  server: () => S3Server;
  client: () => S3Client;
  freshBucket: () => Promise<string>;
} {
  let server: S3Server | undefined;
  let client: S3Client | undefined;
  beforeAll(async () => {
    server = await startS3Server(options);
    client = createS3Client(server.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });
  const started = (): S3Server => {
    if (server === undefined) throw new Error('no S3 server outside the tests');
    return server;
  };
  return {
    server: started,
    client: () => {
      started();
      return client!;
    },
    freshBucket: async () => {
      const bucket = uniqueBucketName();
      await started().createBucket(bucket);
      return bucket;
    },
  };
}
