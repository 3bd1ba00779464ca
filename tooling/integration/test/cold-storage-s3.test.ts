import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  LinearRampPercentage,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { ReplicatedFeatureFlagStore } from '@flipper-client/store-replicated';
import { S3FeatureFlagStore } from '@flipper-client/store-s3';
import type { Redis } from 'ioredis';
import { useRedis } from './support/redis.js';
import { bucketKeys, readObject, useS3 } from './support/s3.js';

/*
 * store-s3's README example "Redis primary, S3 cold storage", against a real redis-server and an
 * S3-protocol server: every write goes to Redis, then in the background to the bucket; if Redis
 * is wiped, the bucket restores it with the README's restore loop.
 */
const redis = useRedis();
const s3 = useS3();

let connection: Redis;
let bucket: string;
let primary: RedisFeatureFlagStore;
let coldStorage: S3FeatureFlagStore;
let replicated: ReplicatedFeatureFlagStore;
let features: FeatureFlagClient;

beforeEach(async () => {
  connection = redis().connection();
  await connection.flushdb();
  bucket = await s3().newBucket('cold-storage');
  // The README's constructors, with this test's Redis connection and S3 client.
  primary = new RedisFeatureFlagStore(connection, { baseKey: 'features' });
  coldStorage = new S3FeatureFlagStore(s3().client, bucket);
  replicated = new ReplicatedFeatureFlagStore(primary, [coldStorage], { asynch: true });
  features = new FeatureFlagClient(replicated);
});

afterEach(async () => {
  s3().server.resume();
  await replicated.close();
  await primary.close();
});

/** A few flags with every kind of metadata the document holds. */
async function writeFlags(): Promise<void> {
  await features.create('NEW_CHECKOUT', { clientData: { owner: 'payments', ticket: 42 } });
  await features.enable('NEW_CHECKOUT');
  await features.addCondition('NEW_CHECKOUT', new Condition({ plan__in: ['pro', 'team'], age__gte: 18 }));
  await features.setBucketer('NEW_CHECKOUT', new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.3) }));
  await features.create('RAMP', { isEnabled: true });
  await features.setBucketer(
    'RAMP',
    new PercentageBucketer({ percentage: new LinearRampPercentage({ initialValue: 0.2, finalValue: 0.8, rampDuration: 1800, initialTime: 1_700_000_000 }) }),
  );
  await features.create('DARK_MODE', { isEnabled: true });
  await features.create('RETIRED', { isEnabled: true });
  await features.destroy('RETIRED');
}

const CHECKS: Record<string, unknown>[] = [
  {},
  { user_id: 1 },
  { user_id: 2 },
  { user_id: 3, plan: 'pro', age: 30 },
  { plan: 'free', age: 30 },
  { plan: 'team', age: 17 },
];

/** What the client answers for every flag and set of checks (the ramp is left out: it is random). */
async function answers(): Promise<Record<string, boolean[]>> {
  const result: Record<string, boolean[]> = {};
  for (const name of ['NEW_CHECKOUT', 'DARK_MODE', 'RETIRED']) {
    result[name] = await Promise.all(CHECKS.map((checks) => features.isEnabled(name, checks)));
  }
  return result;
}

async function redisDocuments(): Promise<Record<string, string | null>> {
  const keys = (await connection.keys('features/*')).sort();
  return Object.fromEntries(await Promise.all(keys.map(async (key) => [key, await connection.get(key)] as const)));
}

describe('Redis primary, S3 cold storage', () => {
  it('lands every write in the bucket as the SPEC §5 document, byte for byte what Redis holds', async () => {
    await writeFlags();
    await replicated.flush();

    expect(await bucketKeys(s3().client, bucket)).toEqual(['DARK_MODE', 'NEW_CHECKOUT', 'RAMP']);
    for (const name of ['DARK_MODE', 'NEW_CHECKOUT', 'RAMP']) {
      const { text, contentType } = await readObject(s3().client, bucket, name);
      expect(text).toBe(await connection.get(`features/${name}`));
      expect(contentType).toBe('application/json');
      const document = JSON.parse(text) as { meta: Record<string, unknown> };
      expect(Object.keys(document)).toEqual(['feature_name', 'is_enabled', 'meta']);
      expect(Object.keys(document.meta)).toEqual(['client_data', 'created_date', 'conditions', 'bucketer']);
    }
    const checkout = JSON.parse((await readObject(s3().client, bucket, 'NEW_CHECKOUT')).text) as unknown;
    expect(checkout).toMatchObject({
      feature_name: 'NEW_CHECKOUT',
      is_enabled: true,
      meta: {
        client_data: { owner: 'payments', ticket: 42 },
        conditions: [
          {
            plan: [{ variable: 'plan', value: ['pro', 'team'], operator: 'in' }],
            age: [{ variable: 'age', value: 18, operator: 'gte' }],
          },
        ],
        bucketer: { type: 'ConsistentHashPercentageBucketer', key_whitelist: ['user_id'], percentage: { type: 'Percentage', value: 0.3 } },
      },
    });
    expect(await coldStorage.get('RETIRED')).toBeUndefined();
  });

  it('never makes a Redis write wait for S3: writes resolve while the S3 server is frozen', async () => {
    await features.create('DURING_FREEZE');
    await replicated.flush();
    s3().server.pause();
    await features.enable('DURING_FREEZE');
    expect((await primary.get('DURING_FREEZE'))?.enabled).toBe(true);
    s3().server.resume();
    await replicated.flush();
    expect((await coldStorage.get('DURING_FREEZE'))?.enabled).toBe(true);
  });

  it("restores a wiped Redis from the bucket with the README's restore loop", async () => {
    await writeFlags();
    await replicated.flush();
    const before = await redisDocuments();
    const answersBefore = await answers();
    expect(Object.keys(before)).toEqual(['features/DARK_MODE', 'features/NEW_CHECKOUT', 'features/RAMP']);

    await connection.flushdb();
    expect(await features.exists('NEW_CHECKOUT')).toBe(false);
    expect(await features.isEnabled('DARK_MODE')).toBe(false);

    for await (const item of coldStorage.list()) await primary.put(item);

    expect(await redisDocuments()).toEqual(before);
    expect(await answers()).toEqual(answersBefore);
  });
});
