import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  Percentage,
  StoreError,
  type FlipperError,
} from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { startRedis } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { ReplicatedFeatureFlagStore, type ReplicatedOperation } from '@flipper-client/store-replicated';
import { Redis } from 'ioredis';
import { useRedis } from './support/redis.js';

/*
 * The seed README's "Usage with Replicated backend", in TypeScript:
 *
 *     primary_redis = redis.StrictRedis(host='localhost', port=6379, db=0)
 *     backup_redis = redis.StrictRedis(host='localhost', port=6379, db=1)
 *     primary = RedisFeatureFlagStore(primary_redis, base_key='feature-flags')
 *     replica = RedisFeatureFlagStore(backup_redis, base_key='feature-flags')
 *     store = ReplicatedFeatureFlagStore(primary, replica)
 *     client = FeatureFlagClient(store)
 */
const redis = useRedis();
const BASE_KEY = 'feature-flags';

let primaryRedis: Redis;
let backupRedis: Redis;
let primary: RedisFeatureFlagStore;
let replica: RedisFeatureFlagStore;
let opened: FeatureFlagStore[];

beforeEach(async () => {
  primaryRedis = redis().connection(0);
  backupRedis = redis().connection(1);
  await primaryRedis.flushdb();
  await backupRedis.flushdb();
  primary = new RedisFeatureFlagStore(primaryRedis, { baseKey: BASE_KEY });
  replica = new RedisFeatureFlagStore(backupRedis, { baseKey: BASE_KEY });
  opened = [primary, replica];
});

afterEach(async () => {
  for (const store of opened.reverse()) await store.close?.();
});

function replicated(...args: ConstructorParameters<typeof ReplicatedFeatureFlagStore>): ReplicatedFeatureFlagStore {
  const store = new ReplicatedFeatureFlagStore(...args);
  opened.push(store);
  return store;
}

/** The flag documents, as the Python library lists them: every key under `feature-flags/`. */
async function keysAndDocuments(connection: Redis): Promise<[string, string | null][]> {
  const keys = (await connection.keys('feature-flags/*')).sort();
  return Promise.all(keys.map(async (key): Promise<[string, string | null]> => [key, await connection.get(key)]));
}

describe("the seed's example: a Redis primary on db 0 replicated to db 1 of the same server", () => {
  it('replicates every write to db 1, under the same keys, byte for byte', async () => {
    const store = replicated(primary, [replica]);
    const client = new FeatureFlagClient(store);
    await client.create('HORSES', { clientData: { owner: 'ranch' } });
    await client.enable('HORSES');
    await client.addCondition('HORSES', new Condition({ is_horse_lover: true }));
    await client.setBucketer('HORSES', new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
    await client.setClientData('HORSES', { since: 2024 });
    await client.create('PONIES', { isEnabled: true });
    await client.create('DONKEYS');
    await client.destroy('DONKEYS');
    await store.flush();

    const onPrimary = await keysAndDocuments(primaryRedis);
    expect(onPrimary.map(([key]) => key)).toEqual(['feature-flags/HORSES', 'feature-flags/PONIES']);
    expect(await keysAndDocuments(backupRedis)).toEqual(onPrimary);
    // Beside the flags, each database keeps its own history of them, outside `feature-flags/*`.
    const historyKeys = async (connection: Redis): Promise<string[]> => (await connection.keys('*')).filter((key) => !key.startsWith('feature-flags/')).sort();
    expect(await historyKeys(backupRedis)).toEqual(await historyKeys(primaryRedis));
    expect(await historyKeys(primaryRedis)).toHaveLength(3);
    const horses = JSON.parse(onPrimary[0]![1]!) as { feature_name: string; is_enabled: boolean; meta: Record<string, unknown> };
    expect(horses).toMatchObject({
      feature_name: 'HORSES',
      is_enabled: true,
      meta: {
        client_data: { owner: 'ranch', since: 2024 },
        conditions: [{ is_horse_lover: [{ variable: 'is_horse_lover', value: true, operator: null }] }],
        bucketer: { type: 'ConsistentHashPercentageBucketer', key_whitelist: ['user_id'], percentage: { type: 'Percentage', value: 0.5 } },
      },
    });
  });

  it('reads from the primary only: what the replica holds is never answered', async () => {
    const client = new FeatureFlagClient(replicated(primary, [replica], { asynch: false }));
    await client.create('PRIMARY_SAYS_ON', { isEnabled: true });
    await backupRedis.del('feature-flags/PRIMARY_SAYS_ON');
    await replica.create('ONLY_ON_REPLICA', { isEnabled: true });
    expect(await client.isEnabled('PRIMARY_SAYS_ON')).toBe(true);
    expect(await client.exists('ONLY_ON_REPLICA')).toBe(false);
    const listed: string[] = [];
    for await (const flag of client.list()) listed.push(flag.name);
    expect(listed).toEqual(['PRIMARY_SAYS_ON']);
  });

  it('with asynch: false, a write resolves only once db 1 holds it', async () => {
    const client = new FeatureFlagClient(replicated(primary, [replica], { asynch: false }));
    await client.create('AWAITED');
    await client.enable('AWAITED');
    expect(await backupRedis.get('feature-flags/AWAITED')).toBe(await primaryRedis.get('feature-flags/AWAITED'));
    expect((await replica.get('AWAITED'))?.enabled).toBe(true);
  });

  it('a replica on a Redis that is down never fails a write; the failure is reported and a later write repairs it', async () => {
    const backupServer = await startRedis();
    const remoteBackup = new Redis({ host: backupServer.host, port: backupServer.port, maxRetriesPerRequest: 1 });
    try {
      const downReplica = new RedisFeatureFlagStore(remoteBackup, { baseKey: BASE_KEY, commandTimeoutMs: 300 });
      const failures: [FlipperError, FeatureFlagStore, ReplicatedOperation, string | undefined][] = [];
      const store = replicated(primary, [downReplica], {
        asynch: false,
        replicationTimeoutMs: 1000,
        onReplicationError: (error, failed, operation, featureName) => failures.push([error, failed, operation, featureName]),
      });
      const client = new FeatureFlagClient(store);
      await client.create('OUTAGE', { clientData: { a: 1 } });

      await backupServer.kill();
      await client.enable('OUTAGE');
      expect((await primary.get('OUTAGE'))?.enabled).toBe(true);
      expect(failures).toHaveLength(1);
      const [error, failed, operation, featureName] = failures[0]!;
      expect(error).toBeInstanceOf(StoreError);
      expect(error.featureName).toBe('OUTAGE');
      expect([failed, operation, featureName]).toEqual([downReplica, 'update', 'OUTAGE']);

      // Back, and empty (no persistence): the next write sends the primary's whole flag.
      await backupServer.restart();
      await waitFor(() => remoteBackup.status === 'ready', 5000, 'the replica connection to come back');
      await client.setClientData('OUTAGE', { b: 2 });
      expect(await remoteBackup.get('feature-flags/OUTAGE')).toBe(await primaryRedis.get('feature-flags/OUTAGE'));
      expect(failures).toHaveLength(1);
    } finally {
      remoteBackup.disconnect();
      await backupServer.stop();
    }
  });
});
