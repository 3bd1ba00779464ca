import { beforeEach, describe, expect, it } from '@jest/globals';
import type { S3Client } from '@aws-sdk/client-s3';
import { InvalidArgumentError, type FlipperError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { collect } from '@flipper-client/test-suite';
import { S3FeatureFlagStore } from '../src/index.js';
import { createS3Client, getRaw, putRaw, useS3Server } from './support/s3.js';

const s3 = useS3Server({ conditionalWrites: true });
let client: S3Client;
let bucket: string;

beforeEach(async () => {
  client = s3.client();
  bucket = await s3.freshBucket();
});

/** The query strings of the ListObjectsV2 requests a store sends. */
function listQueries(store: (client: S3Client) => S3FeatureFlagStore): { store: S3FeatureFlagStore; queries: Record<string, unknown>[] } {
  const queries: Record<string, unknown>[] = [];
  const spy = createS3Client(s3.server().endpoint);
  spy.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'ListObjectsV2Command') queries.push({ ...(args.request as { query: Record<string, unknown> }).query });
      return next(args);
    },
    { step: 'finalizeRequest', name: 'querySpy' },
  );
  return { store: store(spy), queries };
}

describe('prefix', () => {
  it('keeps flag F at key <prefix>F, byte for byte the encoded document', async () => {
    const store = new S3FeatureFlagStore(client, bucket, { prefix: 'flags/' });
    const created = await store.create('F', { isEnabled: true, clientData: { owner: 'ops' } });
    expect(store.keyOf('F')).toBe('flags/F');
    expect(await getRaw(client, bucket, 'flags/F')).toBe(encodeDocument(created));
    expect(await getRaw(client, bucket, 'F')).toBeUndefined();
    const item = new FeatureFlagStoreItem('G', false);
    await store.put(item);
    expect(await getRaw(client, bucket, 'flags/G')).toBe(encodeDocument(item));
  });

  it('lists with the Prefix parameter and strips it, leaving out the root, sibling prefixes and the folder object', async () => {
    await putRaw(client, bucket, 'ROOT', encodeDocument(new FeatureFlagStoreItem('ROOT', true)));
    await putRaw(client, bucket, 'flagsX', encodeDocument(new FeatureFlagStoreItem('flagsX', true)));
    await putRaw(client, bucket, 'flags/', '');
    const { store, queries } = listQueries((spy) => new S3FeatureFlagStore(spy, bucket, { prefix: 'flags/', pageSize: 2 }));
    for (const name of ['a', 'b/c', 'd', 'e']) await store.create(name);
    expect((await collect(store.list())).map((item) => item.featureName)).toEqual(['a', 'b/c', 'd', 'e']);
    expect((await collect(store.list({ offset: 1, limit: 2 }))).map((item) => item.featureName)).toEqual(['b/c', 'd']);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const query of queries) expect(query['prefix']).toBe('flags/');
  });

  it('lists the whole bucket without a prefix, as before, sending no Prefix', async () => {
    const { store: root, queries } = listQueries((spy) => new S3FeatureFlagStore(spy, bucket));
    await new S3FeatureFlagStore(client, bucket, { prefix: 'flags/' }).create('F');
    await root.create('ROOT');
    // Seen from the root, a prefixed flag is the object "flags/F" holding the document of "F":
    // not a flag of the root store, reported as such, and the listing goes on.
    const invalid: FlipperError[] = [];
    expect((await collect(root.list({ onInvalid: (error) => invalid.push(error) }))).map((item) => item.featureName)).toEqual(['ROOT']);
    expect(invalid.map((error) => [error.featureName, error.message.includes('the document is for "F"')])).toEqual([['flags/F', true]]);
    expect(queries.map((query) => query['prefix'])).toEqual([undefined]);
  });

  it('refuses a name whose key the prefix would push past 1,024 bytes, before any request', async () => {
    const name = 'n'.repeat(1020);
    await expect(new S3FeatureFlagStore(client, bucket, { prefix: 'flags/' }).get(name)).rejects.toThrow(
      /too long for the prefix "flags\/"/,
    );
    const failure = await new S3FeatureFlagStore(client, bucket, { prefix: 'flags/' }).put(new FeatureFlagStoreItem(name, true)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidArgumentError);
    expect((failure as InvalidArgumentError).featureName).toBe(name);
    expect(new S3FeatureFlagStore(client, bucket).keyOf(name)).toBe(name);
  });

  it.each<[string, unknown]>([
    ['a number', 7],
    ['a control character', 'flags\n/'],
    ['a lone surrogate', 'flags\ud800/'],
    ['1,024 bytes', 'p'.repeat(1024)],
  ])('refuses a prefix that is %s with an InvalidArgumentError', (_label, prefix) => {
    expect(() => new S3FeatureFlagStore(client, bucket, { prefix: prefix as string })).toThrow(InvalidArgumentError);
    expect(() => new S3FeatureFlagStore(client, bucket, { prefix: prefix as string })).toThrow(/^flipper: s3 store: prefix /);
  });
});
