import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { S3Client } from '@aws-sdk/client-s3';
import type { FlipperError } from '@flipper-client/core';
import { collect } from '@flipper-client/test-suite';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { S3FeatureFlagStore } from '../src/index.js';
import { createS3Client, putRaw, RequestCounter, uniqueBucketName } from './support/s3.js';

const FLAG_COUNT = 60;
const NAMES = Array.from({ length: FLAG_COUNT }, (_, i) => `FLAG_${String(i).padStart(3, '0')}`);

let server: S3Server;
let client: S3Client;
let counter: RequestCounter;
let bucket: string;

beforeAll(async () => {
  server = await startS3Server({ conditionalWrites: true });
  client = createS3Client(server.endpoint);
  counter = new RequestCounter(client);
  bucket = uniqueBucketName();
  await server.createBucket(bucket);
  const writer = new S3FeatureFlagStore(client, bucket);
  await Promise.all(NAMES.map((name, i) => writer.create(name, { isEnabled: i % 3 === 0, clientData: { i } })));
});

afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

beforeEach(() => counter.reset());

describe('list across pages', () => {
  it('follows continuation tokens through pages of 7 and yields every flag once, in key order', async () => {
    const store = new S3FeatureFlagStore(client, bucket, { pageSize: 7 });
    const listed = await collect(store.list());
    expect(listed.map((item) => item.featureName)).toEqual(NAMES);
    for (const item of listed) {
      const i = Number(item.featureName.slice(5));
      expect(item.enabled).toBe(i % 3 === 0);
      expect(item.clientData()).toEqual({ i });
    }
    expect(counter.count('ListObjectsV2Command')).toBe(Math.ceil(FLAG_COUNT / 7));
    expect(counter.count('GetObjectCommand')).toBe(FLAG_COUNT);
  });

  it('skips the offset without fetching the skipped objects, and asks for no more keys than needed', async () => {
    const store = new S3FeatureFlagStore(client, bucket, { pageSize: 7 });
    const page = await collect(store.list({ offset: 20, limit: 10 }));
    expect(page.map((item) => item.featureName)).toEqual(NAMES.slice(20, 30));
    expect(counter.count('GetObjectCommand')).toBe(10);
    // 30 keys in pages of at most 7: 7 + 7 + 7 + 7 + 2.
    expect(counter.count('ListObjectsV2Command')).toBe(5);
  });

  it('pages that partition the listing, with a page size that does not divide them', async () => {
    const store = new S3FeatureFlagStore(client, bucket, { pageSize: 4 });
    const pages: string[] = [];
    for (let offset = 0; offset < FLAG_COUNT; offset += 9) {
      pages.push(...(await collect(store.list({ offset, limit: 9 }))).map((item) => item.featureName));
    }
    expect(pages).toEqual(NAMES);
  });

  it('fetches bodies concurrently, never more at once than listConcurrency', async () => {
    const store = new S3FeatureFlagStore(client, bucket, { listConcurrency: 3 });
    expect((await collect(store.list())).length).toBe(FLAG_COUNT);
    expect(counter.maxInFlight).toBeLessThanOrEqual(3);
    expect(counter.maxInFlight).toBeGreaterThan(1);
  });

  it('stops fetching when the consumer stops', async () => {
    const store = new S3FeatureFlagStore(client, bucket, { pageSize: 10, listConcurrency: 2 });
    const seen: string[] = [];
    for await (const item of store.list()) {
      seen.push(item.featureName);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(NAMES.slice(0, 3));
    expect(counter.count('ListObjectsV2Command')).toBe(1);
    expect(counter.count('GetObjectCommand')).toBeLessThanOrEqual(5);
  });
});

describe('list with corrupt objects', () => {
  it('reports each corrupt object through onInvalid and yields the others, across pages', async () => {
    const mixed = uniqueBucketName();
    await server.createBucket(mixed);
    const store = new S3FeatureFlagStore(client, mixed, { pageSize: 3 });
    const good = ['A_GOOD', 'C_GOOD', 'E_GOOD', 'G_GOOD'];
    for (const name of good) await store.create(name);
    await putRaw(client, mixed, 'B_NOT_JSON', '{"feature_name": "B_NOT_JSON", ');
    await putRaw(client, mixed, 'D_FOREIGN', '{"name": "D_FOREIGN"}');
    // A well-formed document, but for another flag.
    await putRaw(client, mixed, 'F_OTHER_NAME', '{"feature_name": "A_GOOD", "is_enabled": true, "meta": {}}');
    const invalid: FlipperError[] = [];
    const listed = await collect(store.list({ onInvalid: (error) => invalid.push(error) }));
    expect(listed.map((item) => item.featureName)).toEqual(good);
    expect(invalid.map((error) => error.featureName)).toEqual(['B_NOT_JSON', 'D_FOREIGN', 'F_OTHER_NAME']);
    expect(invalid.every((error) => error.name === 'InvalidDocumentError')).toBe(true);
    // Without a listener the listing still goes on past them.
    expect((await collect(store.list())).map((item) => item.featureName)).toEqual(good);
  });
});
