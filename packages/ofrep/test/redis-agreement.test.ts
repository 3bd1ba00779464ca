import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OpenFeature, type Client, type EvaluationContext } from '@openfeature/server-sdk';
import { Redis } from 'ioredis';
import { checksOf, createGridFlags, GRID_FLAGS, gridContexts } from './support/grid-flags.js';
import { ALL_KEY, startOfrep, validatingFetch, type RunningOfrep } from './support/ofrep-server.js';

/*
 * Over a real Redis, through the cached store a deployment uses: every answer of the published
 * Node provider (single evaluation) and of bulk evaluation equals client.isEnabled for the same
 * context, on a grid of contexts and every kind of flag.
 */
let redis: RedisServer;
let connection: Redis;
let store: CachedFeatureFlagStore;
let inner: RedisFeatureFlagStore;
let server: RunningOfrep;
let remote: Client;
const problems: string[] = [];
const contexts = gridContexts(40);

beforeAll(async () => {
  redis = await startRedis();
  connection = new Redis({ host: redis.host, port: redis.port, maxRetriesPerRequest: 1 });
  inner = new RedisFeatureFlagStore(connection, { baseKey: 'ofrep-grid' });
  await inner.changeFeedReady();
  store = new CachedFeatureFlagStore(inner, { ttlMs: 60_000 });
  const writer = new FeatureFlagClient(inner);
  await createGridFlags(writer);
  await store.preload();
  server = await startOfrep({ client: new FeatureFlagClient(store) });
  await OpenFeature.setProviderAndWait('redis', new OFREPProvider({ baseUrl: server.base, headers: [['Authorization', `Bearer ${ALL_KEY}`]], fetchImplementation: validatingFetch(problems) }));
  remote = OpenFeature.getClient('redis');
});

afterAll(async () => {
  await OpenFeature.close();
  await server?.stop();
  await store?.close();
  await inner?.close();
  await connection?.quit().catch(() => undefined);
  await redis?.stop();
});

describe('over Redis, answers agree with client.isEnabled', () => {
  it('single evaluation through the published Node provider, for every flag and context', async () => {
    const split = new Map<string, Set<boolean>>();
    for (const context of contexts) {
      for (const flag of GRID_FLAGS) {
        const expected = await server.client.isEnabled(flag, checksOf(context));
        const details = await remote.getBooleanDetails(flag, !expected, context as EvaluationContext);
        expect([flag, context, details.value, details.errorCode]).toEqual([flag, context, expected, undefined]);
        split.set(flag, (split.get(flag) ?? new Set()).add(details.value));
      }
    }
    // The grid reaches both answers of every flag that has two.
    for (const flag of ['web.conditions', 'web.half', 'web.ramp']) expect([flag, split.get(flag)]).toEqual([flag, new Set([true, false])]);
    expect(problems).toEqual([]);
    // Hundreds of provider round trips, each validated against the OpenAPI document: 12-17 s on
    // a quiet machine, so the default 20 s would fail a busy CI run, not a wrong answer.
  }, 90_000);

  it('bulk evaluation, for every context', async () => {
    for (const context of contexts) {
      const answer = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: { context } });
      const values = Object.fromEntries((answer.body as { flags: { key: string; value: boolean }[] }).flags.map((flag) => [flag.key, flag.value]));
      const expected: Record<string, boolean> = {};
      for (const flag of GRID_FLAGS) expected[flag] = await server.client.isEnabled(flag, checksOf(context));
      expect([context, values]).toEqual([context, expected]);
    }
  });
});
