import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Condition,
  CONDITION_OPERATORS,
  ConsistentHashPercentageBucketer,
  LinearRampPercentage,
  NoOpBucketer,
  Percentage,
  PercentageBucketer,
  type Bucketer,
  type JsonObject,
  type JsonValue,
} from '@flipper-client/core';
import {
  encodeDocument,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  type FeatureFlagStore,
} from '@flipper-client/core/store';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { openStore, startThriftServer, type OpenedStore, type ThriftServerProcess } from '../src/index.js';

/**
 * The core's properties run over the memory store. These run the round trip over the wire:
 * any valid flag written through the Redis store, the Consul store, and the Thrift client store
 * to a Thrift server over Redis (conditions and JSON members converted to Thrift structs and
 * back), lands in the backend as exactly the document `encodeDocument` gives, at exactly
 * `<baseKey>/<name>`, reads back unchanged, and is gone from that key after a delete. Fewer runs
 * than the core's (each is a few network round trips); `FAULTS_RUNS=<n>` asks for more.
 */
const RUNS = Number(process.env["FAULTS_RUNS"] ?? 40);
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

const key = fc.string({ minLength: 1, maxLength: 10 }).filter((text) => !FORBIDDEN.has(text));
const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const share = fc.double({ min: 0, max: 1, noNaN: true });
const percentage = fc.oneof(
  share.map((value) => new Percentage(value)),
  fc
    .record({ initialValue: share, finalValue: share, rampDuration: fc.nat(100_000), initialTime: fc.nat(2_000_000_000) })
    .map((options) => new LinearRampPercentage(options)),
);
const bucketer: fc.Arbitrary<Bucketer> = fc.oneof(
  fc.constant(new NoOpBucketer()),
  percentage.map((p) => new PercentageBucketer({ percentage: p })),
  fc.record({ p: percentage, whitelist: fc.array(key, { maxLength: 3 }) }).map(
    ({ p, whitelist }) => new ConsistentHashPercentageBucketer({ percentage: p, keyWhitelist: whitelist }),
  ),
);
const variable = fc.string({ minLength: 1, maxLength: 8 }).filter((name) => !name.includes('__') && !FORBIDDEN.has(name));
const condition = fc
  .array(fc.tuple(variable, fc.constantFrom(null, ...CONDITION_OPERATORS), jsonValue), { minLength: 1, maxLength: 3 })
  .map((checks) => new Condition(Object.fromEntries(checks.map(([name, operator, value]) => [operator === null ? name : `${name}__${operator}`, value]))));
/** Valid names, awkward ones included: globs, slashes, dots, any Unicode without lone surrogates. */
const flagName = fc
  .oneof(fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }), fc.constantFrom('a*', 'a?b', '[x]', '../up', '/lead', 'x//y', '..'))
  .filter((name) => !/[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
const flag = fc
  .record({
    name: flagName,
    enabled: fc.boolean(),
    createdDate: fc.nat(2_000_000_000),
    clientData: fc.dictionary(key, jsonValue, { maxKeys: 4 }) as fc.Arbitrary<JsonObject>,
    conditions: fc.array(condition, { maxLength: 3 }),
    bucketer,
  })
  .map(({ name, enabled, ...meta }) => new FeatureFlagStoreItem(name, enabled, new FeatureFlagMeta(meta)));

let redis: RedisServer;
let raw: Redis;
let thriftServer: ThriftServerProcess;
let consul: ConsulKvHandle;
const opened: OpenedStore[] = [];
const BASE_KEY = 'props';

beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.port, redis.host);
  thriftServer = await startThriftServer({ backing: { kind: 'redis', host: redis.host, port: redis.port, baseKey: BASE_KEY } });
  consul = await startConsulKv();
});

afterAll(async () => {
  for (const store of opened) await store.close();
  raw?.disconnect();
  await thriftServer?.stop();
  await consul?.stop();
  await redis?.stop();
});

/** The stored text of a flag as its backend holds it, or undefined. */
type RawRead = (name: string) => Promise<string | undefined>;

const redisRaw: RawRead = async (name) => (await raw.get(`${BASE_KEY}/${name}`)) ?? undefined;

async function consulRaw(name: string): Promise<string | undefined> {
  const response = await fetch(`${consul.url}/v1/kv/${encodeURIComponent(`${BASE_KEY}/${name}`)}?raw`);
  return response.status === 404 ? undefined : await response.text();
}

async function roundTrips(store: FeatureFlagStore, rawRead: RawRead): Promise<void> {
  await fc.assert(
    fc.asyncProperty(flag, async (item) => {
      const text = encodeDocument(item);
      await store.create(item.featureName);
      await store.setMeta(item.featureName, item.meta);
      await store.set(item.featureName, item.enabled);
      expect(await rawRead(item.featureName)).toBe(text);
      expect(encodeDocument((await store.get(item.featureName))!)).toBe(text);
      await store.delete(item.featureName);
      expect(await rawRead(item.featureName)).toBeUndefined();
    }),
    { numRuns: RUNS },
  );
}

describe('properties over the wire', () => {
  it('any valid flag survives the Redis store byte for byte, at its own key', async () => {
    const store = await openStore({ kind: 'redis', host: redis.host, port: redis.port, baseKey: BASE_KEY });
    opened.push(store);
    await roundTrips(store.store, redisRaw);
  });

  it('any valid flag survives the Consul store byte for byte, at its own key', async () => {
    const store = await openStore({ kind: 'consul', host: consul.host, port: consul.port, baseKey: BASE_KEY, awaitReady: true });
    opened.push(store);
    await roundTrips(store.store, consulRaw);
  });

  it('any valid flag survives Thrift (client store → server → Redis) byte for byte, at its own key', async () => {
    const store = await openStore({ kind: 'thrift', host: thriftServer.host, port: thriftServer.port, reconnect: false });
    opened.push(store);
    await roundTrips(store.store, redisRaw);
  });
});
