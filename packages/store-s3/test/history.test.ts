import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { hasCreateIfAbsent, hasHistory, InvalidArgumentError } from '@flipper-client/core/store';
import { describeHistoryConformance } from '@flipper-client/test-suite';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { S3FeatureFlagStore } from '../src/index.js';
import { conformanceHandle, createS3Client, uniqueBucketName } from './support/s3.js';

// The history suite over s3rver behind the conditional-write front: peers are stores on clients
// of their own, so the 24 writers and 20 creates race through separate connections, ordered
// only by `If-None-Match: *` on the entry objects and `If-Match` on the flag.
let server: S3Server;
beforeAll(async () => {
  server = await startS3Server({ conditionalWrites: true });
});
afterAll(async () => {
  await server?.stop();
});

describeHistoryConformance('s3', {
  createStore: (retention) => conformanceHandle(() => server, { prefix: 'flags/', history: retention })(),
  concurrentWriters: 24,
  concurrentCreates: 20,
});

async function keysOf(bucket: string, prefix = ''): Promise<string[]> {
  const client = createS3Client(server.endpoint);
  try {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ...(prefix === '' ? {} : { Prefix: prefix }) }));
    return (page.Contents ?? []).map((object) => object.Key!);
  } finally {
    client.destroy();
  }
}

describe('s3 history layout and recovery', () => {
  it('keeps entries beside the flags prefix, at <prefix>.history/<name>/<n>, where a listing of flags/ does not look', async () => {
    const bucket = uniqueBucketName();
    await server.createBucket(bucket);
    const s3 = createS3Client(server.endpoint);
    const store = new S3FeatureFlagStore(s3, bucket, { prefix: 'flags/', history: {} });
    const client = new FeatureFlagClient(store, { actor: 'user:ann' });
    await client.create('LAYOUT');
    await client.enable('LAYOUT');
    expect(await keysOf(bucket, 'flags/')).toEqual(['flags/LAYOUT']);
    expect(await keysOf(bucket, 'flags.history/')).toEqual(['flags.history/LAYOUT/0000000000000001', 'flags.history/LAYOUT/0000000000000002']);
    s3.destroy();
  });

  it('leaves out an entry whose change a crash kept from the flag, and completes it at the next write', async () => {
    const bucket = uniqueBucketName();
    await server.createBucket(bucket);
    const s3 = createS3Client(server.endpoint);
    const store = new S3FeatureFlagStore(s3, bucket, { prefix: 'flags/', history: {} });
    await store.create('TORN');
    const stored = (await store.storedDocument!('TORN'))!;
    const enabled = stored.replace('"is_enabled": false', '"is_enabled": true');
    expect(enabled).not.toBe(stored);
    // What a writer that died between its claim and its flag write leaves: entry 2, flag unchanged.
    const pending = { featureName: 'TORN', at: Date.now(), actor: 'process:gone:1', action: 'enable', before: stored, after: enabled };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'flags.history/TORN/0000000000000002', Body: JSON.stringify(pending) }));
    expect((await store.history!('TORN')).map((entry) => entry.action)).toEqual(['create']);
    expect((await store.get('TORN'))!.enabled).toBe(false);
    await store.setMeta('TORN', (await store.get('TORN'))!.meta.with({ clientData: { after: 'recovery' } }));
    const entries = await store.history!('TORN');
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([
      ['set_meta', expect.stringMatching(/^process:/)],
      ['enable', 'process:gone:1'],
      ['create', expect.stringMatching(/^process:/)],
    ]);
    expect(entries[1]!.after).toBe(entries[0]!.before);
    expect((await store.get('TORN'))!.enabled).toBe(true);
    s3.destroy();
  });

  it('offers createIfAbsent with conditional writes, history only when asked, and refuses history the listing would find', async () => {
    const s3 = createS3Client(server.endpoint);
    const plain = new S3FeatureFlagStore(s3, 'any-bucket');
    expect(hasHistory(plain)).toBe(false);
    expect(hasCreateIfAbsent(plain)).toBe(true);
    expect(hasCreateIfAbsent(new S3FeatureFlagStore(s3, 'any-bucket', { conditionalWrites: false }))).toBe(false);
    expect(() => new S3FeatureFlagStore(s3, 'any-bucket', { history: {} })).toThrow(InvalidArgumentError);
    expect(() => new S3FeatureFlagStore(s3, 'any-bucket', { prefix: 'flags/', history: { prefix: 'flags/history/' } })).toThrow(
      /would be listed with the flags/,
    );
    expect(() => new S3FeatureFlagStore(s3, 'any-bucket', { prefix: 'flags/', history: {}, conditionalWrites: false })).toThrow(/conditionalWrites/);
    expect(hasHistory(new S3FeatureFlagStore(s3, 'any-bucket', { history: { bucket: 'history-bucket' } }))).toBe(true);
    s3.destroy();
  });
});
