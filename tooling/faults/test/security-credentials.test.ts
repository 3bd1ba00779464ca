import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, type ErrorEvent } from '@flipper-client/core';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { findSecretDeep, findSecretInLogForms, openStore, type StoreSpec } from '../src/index.js';

const REDIS_PASSWORD = 'redis-password-Qm9vaA';
const WRONG_REDIS_PASSWORD = 'wrong-redis-password-Zx81';
const CONSUL_TOKEN = 'consul-token-7d1c2e';
const WRONG_CONSUL_TOKEN = 'wrong-consul-token-4b2a';
const S3_SECRET = 's3-secret-access-key-Ux9Kd';

let redis: RedisServer;
let consul: ConsulKvHandle;
let s3: S3Server;

beforeAll(async () => {
  [redis, consul, s3] = await Promise.all([
    startRedis({ args: ['--requirepass', REDIS_PASSWORD] }),
    startConsulKv({ aclToken: CONSUL_TOKEN }),
    startS3Server({ buckets: ['creds'] }),
  ]);
});

afterAll(async () => {
  await Promise.all([redis?.stop(), consul?.stop(), s3?.stop()]);
});

/**
 * The stores are configured with credentials and made to fail: a Redis started with
 * --requirepass and a client with the wrong password, a Consul endpoint with an ACL token and a
 * store with another one, S3 with an unknown key id or a missing bucket. Every error a caller,
 * the client's `error` event or a store hook (`onError`, `onReplicationError`) is handed is
 * searched for the secrets: in messages and stacks down the `cause` chain, in `util.inspect`
 * and `JSON.stringify` of it (what loggers print), and — where asserted — anywhere reachable.
 * ioredis's own `error` events on the application's client are the driver's, not the store's,
 * and are left out (they carry the AUTH command, password included, in `command.args`).
 */

/** Drives every kind of call through the client and collects every error anyone is handed. */
async function everythingHeard(spec: StoreSpec): Promise<{ source: string; error: unknown }[]> {
  const opened = await openStore(spec);
  const heard: { source: string; error: unknown }[] = [];
  const features = new FeatureFlagClient(opened.store);
  features.events.on('error', (event: ErrorEvent) => heard.push({ source: 'client error event', error: event }));
  const calls = [
    () => features.create('FLAG'),
    () => features.enable('FLAG'),
    () => features.setClientData('FLAG', { a: 1 }),
    () => features.getMeta('FLAG'),
    () => features.exists('FLAG'),
    async () => {
      for await (const flag of features.list()) void flag;
    },
    () => features.isEnabled('FLAG'),
  ];
  for (const call of calls) {
    try {
      await call();
    } catch (error) {
      heard.push({ source: 'rejection', error });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  heard.push(...opened.absorbed.filter((absorbed) => absorbed.source !== 'ioredis.error'));
  await opened.close();
  return heard;
}

const redisSpec = (password: string): StoreSpec => ({ kind: 'redis', host: redis.host, port: redis.port, baseKey: 'creds', password, commandTimeoutMs: 300 });

/**
 * [case, the store, the secrets that must not show, whether the deep scan is asserted too].
 * The deep scan covers every property reachable from the errors, hidden ones included. The
 * consul store keeps only status, code and message of the client's errors and the Redis store a
 * sanitized copy of driver errors; both used to leak a credential through `cause`.
 */
const CASES: readonly (readonly [string, () => StoreSpec, readonly string[], boolean])[] = [
  ['redis, wrong password', () => redisSpec(WRONG_REDIS_PASSWORD), [WRONG_REDIS_PASSWORD, REDIS_PASSWORD], true],
  ['cached over redis, wrong password', () => ({ kind: 'cached', inner: redisSpec(WRONG_REDIS_PASSWORD) }), [WRONG_REDIS_PASSWORD], true],
  [
    'replicated to redis, wrong password',
    () => ({ kind: 'replicated', primary: { kind: 'memory' }, replicas: [redisSpec(WRONG_REDIS_PASSWORD)], replicationTimeoutMs: 500 }),
    [WRONG_REDIS_PASSWORD],
    true,
  ],
  [
    'consul, wrong ACL token',
    () => ({ kind: 'consul', host: consul.host, port: consul.port, baseKey: 'creds', token: WRONG_CONSUL_TOKEN, retry: { initialDelayMs: 50, maxDelayMs: 100 } }),
    [WRONG_CONSUL_TOKEN, CONSUL_TOKEN],
    true,
  ],
  [
    's3, unknown access key (s3rver checks the key id, not the signature)',
    () => ({ kind: 's3', endpoint: s3.endpoint, bucket: 'creds', conditionalWrites: false, accessKeyId: 'UNKNOWN-KEY-ID', secretAccessKey: S3_SECRET }),
    [S3_SECRET],
    true,
  ],
  [
    's3, missing bucket',
    () => ({ kind: 's3', endpoint: s3.endpoint, bucket: 'no-such-bucket', conditionalWrites: false, secretAccessKey: S3_SECRET }),
    [S3_SECRET],
    true,
  ],
];

describe('credentials never show in errors, events or what the hooks receive', () => {
  it.each(CASES)('%s', async (_label, spec, secrets, deep) => {
    const heard = await everythingHeard(spec());
    // The failures were heard: with a failing replica only the hook hears them (the three
    // writes); otherwise every management call rejected and isEnabled reported its failure.
    const count = (source: string): number => heard.filter((entry) => entry.source === source).length;
    if (spec().kind === 'replicated') expect(count('replicated.onReplicationError')).toBeGreaterThanOrEqual(3);
    else expect([count('rejection'), count('client error event')]).toEqual([6, 1]);
    for (const secret of secrets) {
      expect(heard.flatMap(({ source, error }) => findSecretInLogForms(error, secret).map((path) => `${source}: ${path}`))).toEqual([]);
      if (deep) expect(heard.flatMap(({ source, error }) => findSecretDeep(error, secret).map((path) => `${source}: ${path}`))).toEqual([]);
    }
  });
});
