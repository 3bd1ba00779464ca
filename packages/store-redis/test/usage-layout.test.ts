import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, InvalidArgumentError, StoreError, type ErrorEvent } from '@flipper-client/core';
import { decodeDocument, usageDay } from '@flipper-client/core/store';
import { startRedis } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';
import { useRedis } from './support/redis-fixture.js';

const redis = useRedis();

/** What the Python library's `list()` does: SCAN `<base_key>/*` and decode every value as a flag. */
async function pythonList(redis: Redis, baseKey: string): Promise<string[]> {
  const names: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${baseKey}/*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const text = await redis.get(key);
      const name = key.slice(baseKey.length + 1);
      // decodeDocument throws on anything that is not a flag document, as the Python decoder does.
      names.push(decodeDocument(name, text!).featureName);
    }
  } while (cursor !== '0');
  return names.sort();
}

describe('redis usage layout', () => {
  it('keeps usage in one hash per day beside the flags, with an expiry, out of every listing', async () => {
    const baseKey = uniqueBaseKey('usage-layout');
    const { shared } = redis();
    const store = new RedisFeatureFlagStore(shared, { baseKey });
    const features = new FeatureFlagClient(store);
    await features.create('ON', { isEnabled: true });
    await features.create('OFF');
    for (let i = 0; i < 3; i++) await features.isEnabled('ON');
    await features.isEnabled('OFF');
    await features.isEnabled('MISSING');
    await features.close();

    const key = store.usageKeyOf(usageDay(Date.now() / 1000));
    expect(key).toBe(`${baseKey}:usage:${usageDay(Date.now() / 1000)}`);
    const hash = await shared.hgetall(key);
    expect(hash).toMatchObject({ 'on:ON': '3', 'off:OFF': '1', 'default:MISSING': '1' });
    expect(Object.keys(hash).filter((field) => field.startsWith('instance:'))).toHaveLength(1);
    const ttl = await shared.ttl(key);
    expect(ttl).toBeGreaterThan(34 * 86_400);
    expect(ttl).toBeLessThanOrEqual(35 * 86_400);

    expect(await pythonList(shared, baseKey)).toEqual(['OFF', 'ON']);
    const ours: string[] = [];
    for await (const flag of features.list()) ours.push(flag.name);
    expect(ours).toEqual(['OFF', 'ON']);
  });

  it('refuses a usageKey inside the flags\u2019 namespace', () => {
    const { shared } = redis();
    expect(() => new RedisFeatureFlagStore(shared, { baseKey: 'features', usageKey: 'features/usage' })).toThrow(InvalidArgumentError);
    expect(() => new RedisFeatureFlagStore(shared, { usageRetentionDays: 0 })).toThrow(InvalidArgumentError);
  });

  it('loses only the interval of an outage: the application sees error events, never a rejection', async () => {
    const own = await startRedis();
    const redis = new Redis({ host: own.host, port: own.port, maxRetriesPerRequest: 1, lazyConnect: false });
    const baseKey = uniqueBaseKey('usage-outage');
    const store = new RedisFeatureFlagStore(redis, { baseKey, commandTimeoutMs: 200 });
    const features = new FeatureFlagClient(store, { usage: { retryDelayMs: 10 } });
    const errors: ErrorEvent[] = [];
    features.events.on('error', (event) => errors.push(event));
    await features.create('ON', { isEnabled: true });
    await features.isEnabled('ON');
    await features.flushUsage();

    await own.stop();
    await expect(features.isEnabled('ON')).resolves.toBe(false);
    await expect(features.flushUsage()).resolves.toBeUndefined();
    await expect(features.close()).resolves.toBeUndefined();
    const usageErrors = errors.filter((event) => event.error instanceof StoreError && event.error.operation === 'add_usage');
    expect(usageErrors.map((event) => event.error.message)).toEqual([
      expect.stringContaining('add_usage failed'),
      expect.stringContaining('dropped after one retry'),
    ]);
    redis.disconnect();
  });
});
