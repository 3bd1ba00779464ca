import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FlipperError } from '@flipper-client/core';
import { DocumentTooLargeError, FeatureFlagStoreItem, InvalidArgumentError, InvalidDocumentError, WriteOutcomeUnknownError } from '@flipper-client/core/store';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { collect } from '@flipper-client/test-suite';
import { createServer, type Server, type Socket } from 'node:net';
import { S3FeatureFlagStore } from '../src/index.js';
import { createS3Client, putRaw, useS3Server } from './support/s3.js';

const s3 = useS3Server({ conditionalWrites: true });

/** Accepts connections and never answers: a hung S3, or a silent partition. */
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.resume();
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => 'resolved', (error: unknown) => error);
}

describe('a failed S3 write', () => {
  it('is WRITE_OUTCOME_UNKNOWN when the request got no answer in time', async () => {
    const { port } = silent.address() as { port: number };
    const client = createS3Client(`http://127.0.0.1:${port}`);
    const store = new S3FeatureFlagStore(client, 'bucket', { requestTimeoutMs: 300 });
    const failure = await failureOf(store.put(new FeatureFlagStoreItem('F', true)));
    expect(failure).toBeInstanceOf(WriteOutcomeUnknownError);
    expect((failure as Error).message).toContain('may or may not have been applied');
    client.destroy();
  });

  it('is WRITE_NOT_APPLIED when S3 refused it, or when the read a conditional write compares against failed', async () => {
    const client = s3.client();
    const store = new S3FeatureFlagStore(client, 'no-such-bucket-here', { requestTimeoutMs: 2000 });
    for (const [operation, write] of [['create', () => store.create('F')], ['set', () => store.set('F', true)]] as const) {
      const failure = await failureOf(write());
      expect([operation, (failure as FlipperError).code]).toEqual([operation, 'WRITE_NOT_APPLIED']);
    }
  });
});

describe('S3 documents', () => {
  it('over maxDocumentBytes are refused before decoding on read, and before sending on write', async () => {
    const bucket = await s3.freshBucket();
    const store = new S3FeatureFlagStore(s3.client(), bucket, { maxDocumentBytes: 2000 });
    const big = `{"feature_name": "BIG", "is_enabled": true, "meta": {"client_data": {"pad": "${'x'.repeat(3000)}"}, "created_date": 1700000000, "conditions": [], "bucketer": {"type": "NoOpBucketer"}}}`;
    await putRaw(s3.client(), bucket, 'BIG', big);
    await expect(store.get('BIG')).rejects.toBeInstanceOf(DocumentTooLargeError);
    await expect(store.create('G', { clientData: { pad: 'x'.repeat(3000) } })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await store.get('G')).toBeUndefined();
  });

  it('holding bytes that are not UTF-8 are reported by the listing, not listed with U+FFFD', async () => {
    const bucket = await s3.freshBucket();
    const store = new S3FeatureFlagStore(s3.client(), bucket);
    const bytes = Buffer.concat([
      Buffer.from('{"feature_name": "BAD", "is_enabled": false, "meta": {"client_data": {"n": "a'),
      Buffer.from([0xff]),
      Buffer.from('"}, "created_date": 1700000000, "conditions": [], "bucketer": {"type": "NoOpBucketer"}}}'),
    ]);
    await s3.client().send(new PutObjectCommand({ Bucket: bucket, Key: 'BAD', Body: bytes }));
    const invalid: FlipperError[] = [];
    expect(await collect(store.list({ onInvalid: (error) => invalid.push(error) }))).toEqual([]);
    expect(invalid[0]).toBeInstanceOf(InvalidDocumentError);
    expect(invalid[0]!.message).toContain('not valid UTF-8');
    // An update compares the ETag, not the text: it still works.
    await store.set('BAD', true);
    expect((await store.get('BAD'))?.enabled).toBe(true);
  });
});
