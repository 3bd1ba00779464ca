import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { startRedis, startRedisCluster, type RedisCluster, type RedisServer } from '@flipper-client/redis-server';
import { startS3Server, type S3Server } from '@flipper-client/s3-server';
import { auditLedger, describeSpec, openStore, occurrences, startThriftServer, WorkerPool, type StoreSpec } from '../src/index.js';
import { reportFigures } from './support/figures.js';
import { uniqueName } from './support/time.js';

/**
 * 20 writers in 20 processes, each with its own store and connections, released together on one
 * flag: every round a setClientData with a key of its own and an addCondition on a variable of
 * its own — read-modify-writes that a non-atomic store would lose. On every store that claims
 * atomic updates, every write must survive exactly once.
 */
const WRITERS = 20;
const ROUNDS = 3;
/** S3 takes one writer at a time per key, at tens of milliseconds each: one round keeps the file under a minute. */
const S3_ROUNDS = 1;

let pool: WorkerPool;
let redis: RedisServer;
let cluster: RedisCluster;
let consul: ConsulKvHandle;
let s3: S3Server;

beforeAll(async () => {
  [pool, redis, cluster, consul, s3] = await Promise.all([
    WorkerPool.start(WRITERS),
    startRedis(),
    startRedisCluster(),
    startConsulKv(),
    startS3Server({ conditionalWrites: true }),
  ]);
}, 60_000);

afterAll(async () => {
  await pool?.close();
  await Promise.all([redis?.stop(), cluster?.stop(), consul?.stop(), s3?.stop()]);
});

/** The flag as the backend holds it now, through a new store (not a local copy that may lag). */
async function readFresh(spec: StoreSpec, name: string): Promise<FeatureFlagStoreItem | undefined> {
  const reader = await openStore(spec);
  try {
    await reader.store.ready?.();
    return await reader.store.get(name);
  } finally {
    await reader.close();
  }
}

/** Creates RACE, lets every worker race on it, and returns the ledger audit and the stored flag. */
async function raceOn(spec: StoreSpec, rounds: number): Promise<{ audit: ReturnType<typeof auditLedger>; stored: FeatureFlagStoreItem | undefined }> {
  const setup = await openStore(spec);
  try {
    await new FeatureFlagClient(setup.store).create('RACE');
    const outcomes = await pool.run(spec, { name: 'race', flag: 'RACE', rounds }).results;
    const stored = await readFresh(spec, 'RACE');
    const writes = outcomes.flatMap(({ result }) => result.writes);
    const audit = auditLedger(writes, new Map([['RACE', stored]]));
    return { audit, stored };
  } finally {
    await setup.close();
  }
}

const atomicStores: [string, number, () => Promise<StoreSpec>][] = [
  ['redis', ROUNDS, async () => ({ kind: 'redis', host: redis.host, port: redis.port, baseKey: uniqueName('race') })],
  ['redis-cluster', ROUNDS, async () => ({ kind: 'redis-cluster', nodes: cluster.startupNodes, baseKey: uniqueName('race') })],
  ['consul', ROUNDS, async () => ({ kind: 'consul', host: consul.host, port: consul.port, baseKey: uniqueName('race') })],
  [
    
    's3 (conditional writes)',
    S3_ROUNDS,
    async () => {
      const bucket = uniqueName('race').toLowerCase();
      await s3.createBucket(bucket);
      return { kind: 's3', endpoint: s3.endpoint, bucket, conditionalWrites: true };
    },
  ],
];

describe(`${WRITERS} writers in separate processes, read-modify-writes on one flag`, () => {
  it.each(atomicStores)('%s: every write survives exactly once', async (_label, rounds, makeSpec) => {
    const spec = await makeSpec();
    const started = Date.now();
    const { audit, stored } = await raceOn(spec, rounds);
    reportFigures(`race on ${describeSpec(spec)}`, { writes: audit.acked + audit.failed, ms: Date.now() - started });
    expect(audit.failed).toBe(0);
    expect(audit.acked).toBe(WRITERS * rounds * 2);
    expect(audit.lost).toEqual([]);
    expect(audit.duplicated).toEqual([]);
    expect(audit.unaccounted).toEqual([]);
    expect(Object.keys(stored!.meta.clientData)).toHaveLength(WRITERS * rounds);
    expect(stored!.meta.conditions).toHaveLength(WRITERS * rounds);
  });
});

describe('a store that declares atomicUpdates: false, raced from separate processes', () => {
  // Whether updates are lost here depends on timing, so it is not asserted; what such a store
  // does promise is: every write acknowledged, nothing duplicated, the document whole. Lost
  // updates are shown deterministically in non-atomic-stores.test.ts.
  it('thrift: writes are acknowledged and the document stays whole; lost updates are counted, not forbidden', async () => {
    const server = await startThriftServer();
    try {
      const spec: StoreSpec = { kind: 'thrift', host: server.host, port: server.port };
      const { audit, stored } = await raceOn(spec, ROUNDS);
      reportFigures('race on thrift (not atomic)', { acked: audit.acked, lost: audit.lost.length });
      expect(audit.acked).toBe(WRITERS * ROUNDS * 2);
      expect(audit.duplicated).toEqual([]);
      expect(audit.unaccounted).toEqual([]);
      expect(occurrences(stored!).size).toBe(audit.acked - audit.lost.length);
    } finally {
      await server.stop();
    }
  });
});
