import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Condition, FeatureFlagClient, StoreError } from '@flipper-client/core';
import { encodeDocument, type FeatureFlagStore } from '@flipper-client/core/store';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { ReplicatedFeatureFlagStore, type ReplicationErrorEvent } from '@flipper-client/store-replicated';
import { openStore, type OpenedStore } from '../src/index.js';
import { reportFigures } from './support/figures.js';
import { settle, uniqueName, within } from './support/time.js';

/**
 * A replicated store over real backends: a Redis primary, a second Redis and an S3 bucket as
 * replicas. One replica hangs (its Redis is SIGSTOPped) or fails (its S3 server is killed);
 * writes must still resolve, within the replication timeout when they wait for replicas.
 */
const REPLICATION_TIMEOUT_MS = 300;
/** A write that waits for replicas: the primary's round trip plus one replication timeout, with slack. */
const SYNC_WRITE_BOUND_MS = REPLICATION_TIMEOUT_MS + 700;

let primaryServer: RedisServer;
let replicaServer: RedisServer;
let s3: S3Server;
const opened: OpenedStore[] = [];

beforeAll(async () => {
  [primaryServer, replicaServer, s3] = await Promise.all([startRedis(), startRedis(), startS3Server({ conditionalWrites: true })]);
});

afterEach(async () => {
  replicaServer.resume();
  for (const store of opened.splice(0)) await store.close();
});

afterAll(async () => {
  await Promise.all([primaryServer?.stop(), replicaServer?.stop(), s3?.stop()]);
});

async function open(spec: Parameters<typeof openStore>[0]): Promise<FeatureFlagStore> {
  const store = await openStore(spec);
  opened.push(store);
  return store.store;
}

async function stores(s3Endpoint = s3.endpoint): Promise<{ primary: FeatureFlagStore; redisReplica: FeatureFlagStore; s3Replica: FeatureFlagStore }> {
  const baseKey = uniqueName('replicated');
  const bucket = baseKey.toLowerCase();
  if (s3Endpoint === s3.endpoint) await s3.createBucket(bucket);
  return {
    primary: await open({ kind: 'redis', host: primaryServer.host, port: primaryServer.port, baseKey }),
    // The replica's own timeout is longer than the replication timeout: the replicated store's
    // bound is what is tested.
    redisReplica: await open({ kind: 'redis', host: replicaServer.host, port: replicaServer.port, baseKey, commandTimeoutMs: 5000 }),
    s3Replica: await open({ kind: 's3', endpoint: s3Endpoint, bucket, conditionalWrites: true }),
  };
}

async function documentOf(store: FeatureFlagStore, name: string): Promise<string | undefined> {
  const item = await store.get(name);
  return item === undefined ? undefined : encodeDocument(item);
}

describe('a replica that hangs', () => {
  it('waiting writes resolve within the replication timeout; the hung replica is reported and repaired once it answers', async () => {
    const { primary, redisReplica, s3Replica } = await stores();
    const replicated = new ReplicatedFeatureFlagStore(primary, [redisReplica, s3Replica], { asynch: false, replicationTimeoutMs: REPLICATION_TIMEOUT_MS });
    const failures: ReplicationErrorEvent[] = [];
    replicated.events.on('replication_error', (event) => failures.push(event));
    const features = new FeatureFlagClient(replicated);

    replicaServer.pause();
    const writes: [string, () => Promise<unknown>][] = [
      ['create', () => features.create('HUNG', { clientData: { a: 1 } })],
      ['update', () => features.enable('HUNG')],
      ['update', () => features.setClientData('HUNG', { b: 2 })],
      ['update', () => features.addCondition('HUNG', new Condition({ is_admin: true }))],
    ];
    const durations: number[] = [];
    for (const [, write] of writes) {
      const { error, ms } = await settle(write());
      expect(error).toBeUndefined();
      expect(ms).toBeLessThan(SYNC_WRITE_BOUND_MS);
      durations.push(ms);
    }
    reportFigures('writes with a hung replica (ms)', durations);
    expect(failures.map((event) => [event.operation, event.replicaIndex, event.timedOut])).toEqual(writes.map(([operation]) => [operation, 0, true]));
    expect(failures.every((event) => event.error instanceof StoreError && event.featureName === 'HUNG')).toBe(true);
    // The primary and the healthy replica have every write.
    const expected = await documentOf(primary, 'HUNG');
    expect(JSON.parse(expected!)).toMatchObject({ is_enabled: true, meta: { client_data: { a: 1, b: 2 } } });
    expect(await documentOf(s3Replica, 'HUNG')).toBe(expected);

    replicaServer.resume();
    await replicated.flush();
    await within(5000, 'the hung replica is resynced from the primary', async () => (await documentOf(redisReplica, 'HUNG')) === expected);
    await replicated.close();
  });
});

describe('a replica that fails', () => {
  it('background writes resolve at the primary, the failure is reported with the flag, the primary serves reads', async () => {
    const doomed = await startS3Server({ conditionalWrites: true });
    try {
      const { primary, redisReplica, s3Replica } = await stores(doomed.endpoint);
      const replicated = new ReplicatedFeatureFlagStore(primary, [redisReplica, s3Replica], { asynch: true, replicationTimeoutMs: REPLICATION_TIMEOUT_MS });
      const failures: ReplicationErrorEvent[] = [];
      replicated.events.on('replication_error', (event) => failures.push(event));
      const features = new FeatureFlagClient(replicated);

      await doomed.kill();
      for (const write of [() => features.create('FAILS', { isEnabled: true }), () => features.setClientData('FAILS', { n: 1 })]) {
        const { error, ms } = await settle(write());
        expect(error).toBeUndefined();
        expect(ms).toBeLessThan(REPLICATION_TIMEOUT_MS);
      }
      expect(await features.isEnabled('FAILS')).toBe(true);
      await replicated.flush();
      expect(failures.length).toBe(2);
      for (const event of failures) {
        expect(event.replicaIndex).toBe(1);
        expect(event.featureName).toBe('FAILS');
        expect(event.error).toBeInstanceOf(StoreError);
        expect((event.error as StoreError).store).toBe('s3');
      }
      expect(await documentOf(redisReplica, 'FAILS')).toBe(await documentOf(primary, 'FAILS'));
      await replicated.close();
    } finally {
      await doomed.stop();
    }
  });
});
