import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Condition } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { S3FeatureFlagStore, type S3StoreOptions } from '../src/index.js';
import { createS3Client, uniqueBucketName } from './support/s3.js';

/**
 * Another writer lands between `update`'s read and its write, deterministically: the first
 * PutObject of the store's client waits until a second store, on its own client, has updated
 * the flag.
 */
async function updateWithInterleavedWriter(
  server: S3Server,
  options: S3StoreOptions,
): Promise<{ final: FeatureFlagStoreItem; changeCalls: number }> {
  const bucket = uniqueBucketName();
  await server.createBucket(bucket);
  const client = createS3Client(server.endpoint);
  const otherClient = createS3Client(server.endpoint);
  try {
    const store = new S3FeatureFlagStore(client, bucket, options);
    const other = new S3FeatureFlagStore(otherClient, bucket, options);
    await store.create('CONTENDED', { clientData: { start: true } });
    let interleaved = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand' && !interleaved) {
          interleaved = true;
          await other.update('CONTENDED', (item) => item.withMeta(item.meta.with({ clientData: { ...item.meta.clientData, other: 1 } })));
        }
        return next(args);
      },
      { step: 'initialize', name: 'interleavedWriter' },
    );
    let changeCalls = 0;
    await store.update('CONTENDED', (item) => {
      changeCalls += 1;
      return item.withMeta(item.meta.with({ clientData: { ...item.meta.clientData, mine: 1 } }));
    });
    expect(interleaved).toBe(true);
    return { final: (await store.get('CONTENDED'))!, changeCalls };
  } finally {
    client.destroy();
    otherClient.destroy();
  }
}

describe('against a server that honours conditional writes', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server({ conditionalWrites: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('retries on 412 and keeps both writes', async () => {
    const { final, changeCalls } = await updateWithInterleavedWriter(server, {});
    expect(final.clientData()).toEqual({ start: true, other: 1, mine: 1 });
    expect(changeCalls).toBe(2);
  });

  it('declares atomic updates', () => {
    const s3 = createS3Client(server.endpoint);
    expect(new S3FeatureFlagStore(s3, 'bucket').atomicUpdates).toBe(true);
    s3.destroy();
  });
});

describe('against a server that ignores conditional writes (plain s3rver)', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server({ conditionalWrites: false });
  });
  afterAll(async () => {
    await server?.stop();
  });

  // What the README says: the If-Match is sent, nothing checks it, the last writer wins.
  it('loses the interleaved write even with conditionalWrites on: last writer wins', async () => {
    const { final, changeCalls } = await updateWithInterleavedWriter(server, { conditionalWrites: true });
    expect(final.clientData()).toEqual({ start: true, mine: 1 });
    expect(changeCalls).toBe(1);
  });

  it('loses it the same way with conditionalWrites off, and says so with atomicUpdates: false', async () => {
    const { final } = await updateWithInterleavedWriter(server, { conditionalWrites: false });
    expect(final.clientData()).toEqual({ start: true, mine: 1 });
    const s3 = createS3Client(server.endpoint);
    expect(new S3FeatureFlagStore(s3, 'bucket', { conditionalWrites: false }).atomicUpdates).toBe(false);
    s3.destroy();
  });
});

describe('a conditional write whose answer was lost', () => {
  let server: S3Server;
  beforeAll(async () => {
    server = await startS3Server({ conditionalWrites: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('is not applied twice when the SDK retries it and hears 412', async () => {
    const bucket = uniqueBucketName();
    await server.createBucket(bucket);
    const client = createS3Client(server.endpoint);
    try {
      const store = new S3FeatureFlagStore(client, bucket);
      await store.create('RETRIED', { isEnabled: true });
      let dropped = false;
      // Below the SDK's retry loop: the first PutObject reaches the server and lands, then its
      // answer is "lost" as a reset connection, so the SDK sends it again with the same If-Match.
      client.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          if (context.commandName === 'PutObjectCommand' && !dropped) {
            dropped = true;
            throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
          }
          return result;
        },
        { step: 'deserialize', name: 'loseFirstPutAnswer' },
      );
      let changeCalls = 0;
      await store.update('RETRIED', (item) => {
        changeCalls += 1;
        return item.withMeta(item.meta.with({ conditions: [...item.meta.conditions, new Condition({ plan: 'pro' })] }));
      });
      expect(dropped).toBe(true);
      expect(changeCalls).toBe(1);
      expect((await store.get('RETRIED'))!.meta.conditions.length).toBe(1);
    } finally {
      client.destroy();
    }
  });
});
