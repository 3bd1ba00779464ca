import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { InvalidDocumentError, type FlipperError } from '@flipper-client/core/store';
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

/** A flag document whose client data holds the byte 0xFF, which is not UTF-8 anywhere. */
function documentWithInvalidByte(featureName: string): Buffer {
  const [head, tail] = [
    `{"feature_name": "${featureName}", "is_enabled": false, "meta": {"client_data": {"note": "a`,
    `b"}, "created_date": 1700000000, "conditions": [], "bucketer": {"type": "NoOpBucketer"}}}`,
  ];
  return Buffer.concat([Buffer.from(head), Buffer.from([0xff]), Buffer.from(tail)]);
}

async function scriptCalls(): Promise<number> {
  const match = /cmdstat_evalsha:calls=(\d+)/.exec(await redis.info('commandstats'));
  return match === null ? 0 : Number(match[1]);
}

describe('a stored document with bytes that are not UTF-8', () => {
  it('is updated at the first compare-and-set attempt: the script compares the bytes read', async () => {
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('utf8') });
    await redis.set(store.keyOf('F'), documentWithInvalidByte('F'));
    const features = new FeatureFlagClient(store);
    const before = await scriptCalls();
    await features.enable('F');
    expect(await scriptCalls()).toBe(before + 1);
    expect((await store.get('F'))?.enabled).toBe(true);
    await features.disable('F');
    expect((await store.get('F'))?.enabled).toBe(false);
  });

  it('is not listed with U+FFFD in place of its bytes: the listing reports it, naming the flag', async () => {
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('utf8-list') });
    await redis.set(store.keyOf('BAD'), documentWithInvalidByte('BAD'));
    await store.create('GOOD');
    const invalid: FlipperError[] = [];
    const listed = await collect(store.list({ onInvalid: (error) => invalid.push(error) }));
    expect(listed.map((item) => item.featureName)).toEqual(['GOOD']);
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toBeInstanceOf(InvalidDocumentError);
    expect(invalid[0]!.featureName).toBe('BAD');
    expect(invalid[0]!.message).toContain('not valid UTF-8');
    // The stored bytes are left as they were.
    expect(await redis.getBuffer(store.keyOf('BAD'))).toEqual(documentWithInvalidByte('BAD'));
  });
});
