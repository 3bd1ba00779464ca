import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { StoreError, type FlipperError } from '@flipper-client/core';
import { encodeDocument, FeatureFlagStoreItem, type StoreChange } from '@flipper-client/core/store';
import { collect, waitFor } from '@flipper-client/test-suite';
import { sendCommand, startRedisCluster, type RedisCluster, type RedisServer } from '@flipper-client/redis-server';
import { Cluster } from 'ioredis';
import { clusterSlot } from '../src/cluster-slot.js';
import { RedisFeatureFlagStore } from '../src/index.js';
import { baseKeyOf, uniqueBaseKey } from './support/namespaces.js';

let cluster: RedisCluster;
let shared: Cluster;
let other: Cluster;

/** The flag names of `store` held by `node`, asked of the node itself. */
async function namesOn(node: RedisServer, store: RedisFeatureFlagStore): Promise<string[]> {
  const names: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = (await sendCommand(node.port, ['SCAN', cursor, 'MATCH', `${baseKeyOf(store)}/*`, 'COUNT', '1000'])) as [string, string[]];
    cursor = next;
    names.push(...keys.map((key) => key.slice(baseKeyOf(store).length + 1)));
  } while (cursor !== '0');
  return names;
}

beforeAll(async () => {
  cluster = await startRedisCluster();
  shared = new Cluster([...cluster.startupNodes]);
  other = new Cluster([...cluster.startupNodes]);
});

afterAll(async () => {
  await shared?.quit();
  await other?.quit();
  await cluster?.stop();
});

describe('cluster hash slots', () => {
  it('computes the slot Redis computes, hash tags included', async () => {
    const keys = ['features/A', 'foo', '', '{user1000}.following', 'a{}b', 'x{}{y}', '{a', 'ünï/🚩', '{features}/FLAG', 'a{b}c{d}'];
    for (const key of keys) {
      expect(clusterSlot(key)).toBe(await sendCommand(cluster.nodes[0]!.port, ['CLUSTER', 'KEYSLOT', key]));
    }
  });
});

describe('listing a cluster', () => {
  it('scans every master and lists each flag once, in name order', async () => {
    const store = new RedisFeatureFlagStore(shared, { baseKey: uniqueBaseKey('cluster-list') });
    const names = Array.from({ length: 300 }, (_, i) => `FLAG_${String(i).padStart(3, '0')}`);
    await Promise.all(names.map((name) => store.create(name)));
    const perNode = await Promise.all(cluster.nodes.map((node) => namesOn(node, store)));
    for (const held of perNode) expect(held.length).toBeGreaterThan(50);
    expect(perNode.flat().sort()).toEqual(names);

    const listed = (await collect(store.list())).map((item) => item.featureName);
    expect(listed).toEqual(names);
    const paged: string[] = [];
    for (let offset = 0; offset < names.length; offset += 70) {
      paged.push(...(await collect(store.list({ offset, limit: 70 }))).map((item) => item.featureName));
    }
    expect(paged).toEqual(names);
  });

  it('goes on past corrupt documents on any node', async () => {
    const store = new RedisFeatureFlagStore(shared, { baseKey: uniqueBaseKey('cluster-corrupt') });
    const names = Array.from({ length: 30 }, (_, i) => `F${i}`);
    await Promise.all(names.map((name) => store.create(name)));
    const corrupt = ['F3', 'F11', 'F20', 'F27'];
    await Promise.all(corrupt.map((name) => other.set(store.keyOf(name), '{"feature_name": 1}')));
    const invalid: FlipperError[] = [];
    const listed = (await collect(store.list({ onInvalid: (error) => invalid.push(error) }))).map((item) => item.featureName);
    expect(listed.sort()).toEqual(names.filter((name) => !corrupt.includes(name)).sort());
    expect(invalid.map((error) => error.featureName).sort()).toEqual([...corrupt].sort());
  });

  it('lists a base key with a hash tag, whose flags all live in one slot', async () => {
    const store = new RedisFeatureFlagStore(shared, { baseKey: `{${uniqueBaseKey('tagged')}}` });
    const names = Array.from({ length: 120 }, (_, i) => `T${i}`);
    await Promise.all(names.map((name) => store.create(name, { isEnabled: true })));
    expect(new Set(names.map((name) => clusterSlot(store.keyOf(name)))).size).toBe(1);
    const listed = await collect(store.list());
    expect(listed.map((item) => item.featureName).sort()).toEqual([...names].sort());
    expect(listed.every((item) => item.enabled)).toBe(true);
  });
});

describe('reading a cluster', () => {
  it('reads the flags asked for in one turn with one MGET per hash slot', async () => {
    const store = new RedisFeatureFlagStore(shared, { baseKey: uniqueBaseKey('cluster-batch') });
    // Four hash tags: 64 flags in four slots, spread over the masters.
    const names = Array.from({ length: 64 }, (_, i) => `{group${i % 4}}FLAG_${i}`);
    await Promise.all(names.map((name, i) => store.create(name, { isEnabled: i % 3 === 0 })));
    const slots = new Set(names.map((name) => clusterSlot(store.keyOf(name))));
    expect(slots.size).toBe(4);
    await Promise.all(cluster.nodes.map((node) => sendCommand(node.port, ['CONFIG', 'RESETSTAT'])));
    const items = await Promise.all(names.map((name) => store.get(name)));
    expect(items.map((item) => item?.enabled)).toEqual(names.map((_, i) => i % 3 === 0));
    const mgets = await Promise.all(
      cluster.nodes.map(async (node) => {
        const stats = String(await sendCommand(node.port, ['INFO', 'commandstats']));
        return Number(/cmdstat_mget:calls=(\d+)/.exec(stats)?.[1] ?? 0);
      }),
    );
    expect(mgets.reduce((sum, calls) => sum + calls, 0)).toBe(slots.size);
  });
});

describe('change feed on a cluster', () => {
  it('sees raw writes by another client on every master', async () => {
    const store = new RedisFeatureFlagStore(shared, { baseKey: uniqueBaseKey('cluster-feed') });
    const changes: StoreChange[] = [];
    const stop = store.watch((change) => changes.push(change));
    try {
      expect(await store.changeFeedReady()).toBe('keyspace');
      for (const node of cluster.nodes) {
        expect(String(await sendCommand(node.port, ['CONFIG', 'GET', 'notify-keyspace-events']))).toContain('K');
      }
      const names = Array.from({ length: 12 }, (_, i) => `RAW_${i}`);
      for (const name of names) await other.set(store.keyOf(name), encodeDocument(new FeatureFlagStoreItem(name, true)));
      const held = await Promise.all(cluster.nodes.map((node) => namesOn(node, store)));
      expect(held.every((onNode) => onNode.length > 0)).toBe(true);
      const heard = (): Set<string> =>
        new Set(changes.flatMap((change) => (change.kind === 'flag' ? [change.featureName] : [])));
      await waitFor(() => names.every((name) => heard().has(name)), 100, 'every raw write');
    } finally {
      stop();
      await store.close();
    }
  });
});

describe('a cluster node going down', () => {
  it('rejects promptly with a StoreError and works again once the node is back', async () => {
    const client = new Cluster([...cluster.startupNodes]);
    const store = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('cluster-down') });
    try {
      const names = Array.from({ length: 12 }, (_, i) => `N${i}`);
      await Promise.all(names.map((name) => store.create(name, { isEnabled: true })));
      const victim = cluster.nodes[1]!;
      const onVictim = (await namesOn(victim, store))[0]!;
      await victim.kill();
      const started = Date.now();
      const error = await store.get(onVictim).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).featureName).toBe(onVictim);
      expect(Date.now() - started).toBeLessThan(2000);
      // The node comes back with its cluster config and slots, but no data (no persistence).
      await victim.restart();
      await waitFor(
        () => store.create(onVictim, { isEnabled: false }).then(() => true, () => false),
        15_000,
        'the store to write to the restarted node',
      );
      expect((await store.get(onVictim))?.enabled).toBe(false);
      const listed = await collect(store.list());
      expect(listed.map((item) => item.featureName)).toContain(onVictim);
    } finally {
      await store.close();
      client.disconnect();
    }
  });
});
