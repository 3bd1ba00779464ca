import { afterEach, describe, expect, it } from '@jest/globals';
import type { S3Client } from '@aws-sdk/client-s3';
import { InvalidArgumentError, StoreError } from '@flipper-client/core';
import { FeatureFlagMeta } from '@flipper-client/core/store';
import { collect } from '@flipper-client/test-suite';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { S3FeatureFlagStore } from '../src/index.js';
import { createS3Client, uniqueBucketName } from './support/s3.js';

let server: S3Server | undefined;
let client: S3Client | undefined;

afterEach(async () => {
  client?.destroy();
  client = undefined;
  await server?.stop();
  server = undefined;
});

async function storeWithFlag(options: { requestTimeoutMs?: number } = {}): Promise<{ store: S3FeatureFlagStore; bucket: string }> {
  server = await startS3Server({ conditionalWrites: true });
  client = createS3Client(server.endpoint);
  const bucket = uniqueBucketName();
  await server.createBucket(bucket);
  const store = new S3FeatureFlagStore(client, bucket, options);
  await store.create('KEPT', { isEnabled: true });
  return { store, bucket };
}

async function failureOf(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('a server that is gone', () => {
  it('makes every operation reject promptly with a StoreError naming the flag, the bucket and the key', async () => {
    const { store, bucket } = await storeWithFlag();
    await server!.stop();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['get', () => store.get('KEPT')],
      ['create', () => store.create('KEPT')],
      ['set', () => store.set('KEPT', false)],
      ['delete', () => store.delete('KEPT')],
      ['setMeta', () => store.setMeta('KEPT', new FeatureFlagMeta())],
    ];
    for (const [operation, call] of calls) {
      const started = Date.now();
      const error = await failureOf(call());
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error.store).toBe('s3');
      expect(error.operation).toBe(operation);
      expect(error.featureName).toBe('KEPT');
      expect(error.message).toContain(`bucket "${bucket}", key "KEPT"`);
      expect(error.cause).toBeDefined();
    }
  });

  it('makes list reject with a StoreError after a crash', async () => {
    const { store } = await storeWithFlag();
    await server!.kill();
    const error = await failureOf(collect(store.list()));
    expect(error.operation).toBe('list');
  });
});

describe('a server that does not answer', () => {
  it('times out at the request deadline, then works again once the server answers', async () => {
    const { store } = await storeWithFlag({ requestTimeoutMs: 300 });
    server!.pause();
    try {
      const started = Date.now();
      const error = await failureOf(store.get('KEPT'));
      expect(Date.now() - started).toBeLessThan(3000);
      expect(error.operation).toBe('get');
      expect(error.message).toContain('no answer within 300 ms');
    } finally {
      server!.resume();
    }
    // The same store heals; the thawed process may need a moment on a busy machine.
    let healed: boolean | undefined;
    for (let attempt = 0; attempt < 20 && healed === undefined; attempt++) {
      healed = await store.get('KEPT').then(
        (item) => item?.enabled,
        () => undefined,
      );
    }
    expect(healed).toBe(true);
  });
});

describe('S3 errors', () => {
  it('does not mistake a missing bucket for a missing flag', async () => {
    server = await startS3Server();
    client = createS3Client(server.endpoint);
    const store = new S3FeatureFlagStore(client, 'no-such-bucket');
    const error = await failureOf(store.get('ANY'));
    expect(error.message).toContain('NoSuchBucket');
    expect(error.message).toContain('bucket "no-such-bucket", key "ANY"');
    await failureOf(collect(store.list()));
  });
});

describe('options', () => {
  it.each([
    ['pageSize 0', { pageSize: 0 }],
    ['pageSize over 1000', { pageSize: 1001 }],
    ['a fractional pageSize', { pageSize: 2.5 }],
    ['listConcurrency 0', { listConcurrency: 0 }],
    ['a negative timeout', { requestTimeoutMs: -1 }],
  ])('refuses %s', (_label, options) => {
    const s3 = createS3Client('http://127.0.0.1:9');
    try {
      expect(() => new S3FeatureFlagStore(s3, 'bucket', options)).toThrow(InvalidArgumentError);
    } finally {
      s3.destroy();
    }
  });

  it('refuses an empty bucket name', () => {
    const s3 = createS3Client('http://127.0.0.1:9');
    try {
      expect(() => new S3FeatureFlagStore(s3, '')).toThrow(InvalidArgumentError);
    } finally {
      s3.destroy();
    }
  });
});
