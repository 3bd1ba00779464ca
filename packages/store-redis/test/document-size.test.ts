import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, type ErrorEvent } from '@flipper-client/core';
import { DocumentTooLargeError, InvalidArgumentError, type FlipperError } from '@flipper-client/core/store';
import { collect } from '@flipper-client/test-suite';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.port, server.host);
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
});

/** A valid document of about `bytes` bytes: its client data holds one long string. */
function documentOf(featureName: string, bytes: number): string {
  return `{"feature_name": "${featureName}", "is_enabled": true, "meta": {"client_data": {"pad": "${'x'.repeat(bytes)}"}, "created_date": 1700000000, "conditions": [], "bucketer": {"type": "NoOpBucketer"}}}`;
}

describe('maxDocumentBytes', () => {
  it('refuses a stored document over the limit before decoding it: the flag answers its default with a typed error event', async () => {
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('size'), maxDocumentBytes: 10_000 });
    await redis.set(store.keyOf('BIG'), documentOf('BIG', 20_000));
    await redis.set(store.keyOf('SMALL'), documentOf('SMALL', 100));
    const features = new FeatureFlagClient(store);
    const errors: ErrorEvent[] = [];
    features.events.on('error', (event) => errors.push(event as ErrorEvent));

    expect(await features.isEnabled('BIG', {}, { default: false })).toBe(false);
    expect(await features.isEnabled('SMALL')).toBe(true);
    expect(errors).toHaveLength(1);
    const error = errors[0]!.error as DocumentTooLargeError;
    expect(error).toBeInstanceOf(DocumentTooLargeError);
    expect(error.featureName).toBe('BIG');
    expect([error.limit, error.bytes > 20_000]).toEqual([10_000, true]);
    expect(error.message).toContain('maxDocumentBytes');

    const invalid: FlipperError[] = [];
    expect((await collect(store.list({ onInvalid: (e) => invalid.push(e) }))).map((item) => item.featureName)).toEqual(['SMALL']);
    expect(invalid.map((e) => e.featureName)).toEqual(['BIG']);
    // Still removable, and replaceable whole.
    await features.destroy('BIG');
    expect(await redis.exists(store.keyOf('BIG'))).toBe(0);
  });

  it('counts UTF-8 bytes, not characters, of a document written by another library', async () => {
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('size-utf8'), maxDocumentBytes: 10_000 });
    // 4,000 characters of three bytes each: 12,000 bytes.
    const text = documentOf('WIDE', 0).replace('"pad": ""', `"pad": "${'€'.repeat(4000)}"`);
    await redis.set(store.keyOf('WIDE'), text);
    await expect(store.get('WIDE')).rejects.toBeInstanceOf(DocumentTooLargeError);
  });

  it('refuses a write over the limit before sending anything, naming the flag', async () => {
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('size-write'), maxDocumentBytes: 10_000 });
    const features = new FeatureFlagClient(store);
    await features.create('F');
    const before = await redis.get(store.keyOf('F'));
    const write = features.setClientData('F', { pad: 'x'.repeat(20_000) });
    await expect(write).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(write).rejects.toThrow(/flag "F".*maxDocumentBytes/);
    await expect(features.create('G', { clientData: { pad: 'x'.repeat(20_000) } })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await redis.get(store.keyOf('F'))).toBe(before);
    expect(await redis.exists(store.keyOf('G'))).toBe(0);
  });

  it('defaults to 1 MiB and refuses nonsense', () => {
    expect(() => new RedisFeatureFlagStore(redis, { maxDocumentBytes: 0 })).toThrow(InvalidArgumentError);
    expect(() => new RedisFeatureFlagStore(redis, { maxDocumentBytes: 1.5 })).toThrow(/maxDocumentBytes/);
  });
});
