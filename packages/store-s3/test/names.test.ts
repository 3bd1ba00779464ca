import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { InvalidArgumentError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { AWKWARD_NAMES, collect } from '@flipper-client/test-suite';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { S3FeatureFlagStore } from '../src/index.js';
import { createS3Client, RequestCounter, uniqueBucketName } from './support/s3.js';

let server: S3Server;
let client: S3Client;
let counter: RequestCounter;
let store: S3FeatureFlagStore;
let bucket: string;

beforeAll(async () => {
  server = await startS3Server({ conditionalWrites: true });
  client = createS3Client(server.endpoint);
  counter = new RequestCounter(client);
});

afterAll(async () => {
  client?.destroy();
  await server?.stop();
});

beforeEach(async () => {
  bucket = uniqueBucketName();
  await server.createBucket(bucket);
  store = new S3FeatureFlagStore(client, bucket);
  counter.reset();
});

const INVALID_NAMES: Record<string, string> = {
  'over 1,024 UTF-8 bytes': `${'€'.repeat(341)}ab`,
  'a NUL': 'nul\u0000inside',
  'a line feed': 'line\nfeed',
  'a tab': 'tab\there',
  'DEL': 'del\u007f',
  'a C1 control': 'next\u0085line',
  'a lone surrogate': 'half\ud800',
};

describe('names that are not S3 keys', () => {
  it.each(Object.entries(INVALID_NAMES))('rejects a name with %s in every operation, before any request', async (_label, name) => {
    const operations: Array<() => Promise<unknown>> = [
      () => store.get(name),
      () => store.create(name),
      () => store.set(name, true),
      () => store.delete(name),
      () => store.setMeta(name, new FeatureFlagMeta()),
      () => store.update(name, (item) => item),
      () => store.put(new FeatureFlagStoreItem(name, true)),
    ];
    for (const operation of operations) {
      const failure = await operation().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(InvalidArgumentError);
      expect((failure as InvalidArgumentError).featureName).toBe(name);
    }
    expect(counter.total).toBe(0);
  });

  it('rejects an empty name before any request', async () => {
    await expect(store.get('')).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(counter.total).toBe(0);
  });

  it('accepts a name of exactly 1,024 UTF-8 bytes', async () => {
    // Path segments keep each of s3rver's file names short; S3 itself needs no slashes.
    const name = Array.from({ length: 16 }, (_, i) => `s${String(i).padStart(2, '0')}-${'x'.repeat(59)}`).join('/');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(1024);
    const exact = `${name}${'y'.repeat(1024 - Buffer.byteLength(name))}`;
    expect(Buffer.byteLength(exact)).toBe(1024);
    await store.create(exact, { isEnabled: true });
    expect((await store.get(exact))?.enabled).toBe(true);
  });
});

describe('keys', () => {
  it('stores the flag at the bucket root under its own name, as JSON, byte for byte the encoded document', async () => {
    const created = await store.create('ROOT_KEY', { isEnabled: true, clientData: { owner: 'ops' } });
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'ROOT_KEY' }));
    expect(object.ContentType).toBe('application/json');
    expect(await object.Body!.transformToString()).toBe(encodeDocument(created));
  });

  // s3rver keeps each object in a file named after its key, so these keys collide or escape
  // the bucket there; on Amazon S3 each is a key of its own. What the store owes is to send
  // the name as it is, which this checks on the wire.
  it.each(['/leading-slash', 'x/../target', '../escape', './here'])('sends the path-like name %s as the literal key', async (name) => {
    const paths: string[] = [];
    const spy = createS3Client(server.endpoint);
    spy.middlewareStack.add(
      (next) => async (args) => {
        paths.push((args.request as { path: string }).path);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'pathSpy' },
    );
    // s3rver answers some of these with a routing 404; the request is what is checked here.
    await new S3FeatureFlagStore(spy, bucket).delete(name).catch(() => undefined);
    spy.destroy();
    expect(paths).toEqual([`/${bucket}/${name}`]);
  });

  const HELD_BY_S3RVER = AWKWARD_NAMES.filter((name) => name !== '/leading-slash' && name !== '../escape');

  it('keeps every awkward name s3rver can hold on its own key', async () => {
    for (const [i, name] of HELD_BY_S3RVER.entries()) await store.create(name, { clientData: { index: i } });
    await store.create('ab', { clientData: { index: -1 } });
    for (const [i, name] of HELD_BY_S3RVER.entries()) {
      const read = await store.get(name);
      expect(read?.featureName).toBe(name);
      expect(read?.clientData()).toEqual({ index: i });
    }
    const listed = (await collect(store.list())).map((item) => item.featureName);
    expect([...listed].sort()).toEqual([...HELD_BY_S3RVER, 'ab'].sort());
    await store.delete('a*');
    expect((await store.get('ab'))?.featureName).toBe('ab');
    await expect(store.get('a*')).resolves.toBeUndefined();
  });
});
