import { describe, expect, it } from '@jest/globals';
import { Condition } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { S3FeatureFlagStore } from '../src/index.js';
import { createS3Client, getRaw, RequestCounter, useS3Server } from './support/s3.js';

// What `put` sends; the conformance suite checks what it stores.
const s3 = useS3Server({ conditionalWrites: true });

const item = (name: string): FeatureFlagStoreItem =>
  new FeatureFlagStoreItem(name, true, new FeatureFlagMeta({ createdDate: 1_650_000_000, conditions: [new Condition({ is_admin: true })] }));

describe('put', () => {
  it('is one unconditional PutObject and no read, for a new flag and over an existing one', async () => {
    const bucket = await s3.freshBucket();
    const client = createS3Client(s3.server().endpoint);
    const counter = new RequestCounter(client);
    const headers: Record<string, string>[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        headers.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'headerSpy' },
    );
    const store = new S3FeatureFlagStore(client, bucket);
    await store.create('OVER', { clientData: { stale: true } });
    counter.reset();
    headers.length = 0;
    await store.put(item('NEW'));
    await store.put(item('OVER'));
    expect([...counter.counts]).toEqual([['PutObjectCommand', 2]]);
    for (const sent of headers) expect(Object.keys(sent).filter((name) => /^if-/i.test(name))).toEqual([]);
    expect(await getRaw(client, bucket, 'OVER')).toBe(encodeDocument(item('OVER')));
    client.destroy();
  });
});
