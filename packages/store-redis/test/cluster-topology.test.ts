import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { encodeDocument, FeatureFlagStoreItem, type StoreChange } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { sendCommand, startRedisCluster, type RedisCluster, type RedisServer } from '@flipper-client/redis-server';
import { Cluster } from 'ioredis';
import { clusterSlot } from '../src/cluster-slot.js';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

/*
 * The change feed follows the cluster's masters as they change while it runs. Each test has a
 * cluster of its own, since it reshapes it. Writes are made with plain commands on the node
 * itself, as another library would: only keyspace notifications of that node can report them.
 */
let cluster: RedisCluster;
let client: Cluster;
let store: RedisFeatureFlagStore;
let changes: StoreChange[];
let stopWatching: () => void;

beforeEach(async () => {
  cluster = await startRedisCluster();
  client = new Cluster([...cluster.startupNodes]);
  store = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('topology') });
  changes = [];
  stopWatching = store.watch((change) => changes.push(change));
  expect(await store.changeFeedReady()).toBe('keyspace');
});

afterEach(async () => {
  stopWatching();
  await store.close();
  client.disconnect();
  await cluster.stop();
});

/** The hash slots `node` serves, from its own CLUSTER NODES line. */
async function slotsOf(node: RedisServer): Promise<Set<number>> {
  const own = String(await sendCommand(node.port, ['CLUSTER', 'NODES']))
    .split('\n')
    .find((line) => line.includes('myself'))!;
  const slots = new Set<number>();
  for (const range of own.trim().split(' ').slice(8)) {
    const [from, to] = range.split('-').map(Number);
    for (let slot = from!; slot <= (to ?? from!); slot++) slots.add(slot);
  }
  return slots;
}

/** A flag name whose key lives on `node`. */
async function nameOn(node: RedisServer, prefix: string): Promise<string> {
  const slots = await slotsOf(node);
  for (let i = 0; ; i++) {
    if (slots.has(clusterSlot(store.keyOf(`${prefix}${i}`)))) return `${prefix}${i}`;
  }
}

/** Writes the flag on `node` directly until the feed reports it; fails after `timeoutMs`. */
async function heardRawWriteOn(node: RedisServer, featureName: string, timeoutMs: number): Promise<void> {
  const document = encodeDocument(new FeatureFlagStoreItem(featureName, true));
  await waitFor(
    async () => {
      const heardBefore = changes.length;
      expect(await sendCommand(node.port, ['SET', store.keyOf(featureName), document])).toBe('OK');
      await new Promise((resolve) => setTimeout(resolve, 50));
      return changes.slice(heardBefore).some((change) => change.kind === 'flag' && change.featureName === featureName);
    },
    timeoutMs,
    `the feed to report a raw write of ${featureName}`,
  );
}

describe('a master added while the feed runs', () => {
  it('is followed once the client learns of it, with an all-change for what was missed', async () => {
    const added = await cluster.addMaster({ slots: 2000 });
    const name = await nameOn(added, 'MOVED_');
    // Any command on a moved slot tells the client of the new master (a MOVED redirect).
    expect(await store.get(name)).toBeUndefined();
    await waitFor(() => changes.some((change) => change.kind === 'all'), 5000, 'an all-change when the new master is followed');
    expect(String(await sendCommand(added.port, ['CONFIG', 'GET', 'notify-keyspace-events']))).toContain('K');
    await heardRawWriteOn(added, name, 1000);
  }, 30_000);
});

describe('a master that restarts', () => {
  it('is followed again once it is back, with its keyspace events switched on again', async () => {
    const victim = cluster.nodes[1]!;
    const name = await nameOn(victim, 'BACK_');
    await heardRawWriteOn(victim, name, 1000);
    await victim.kill();
    await victim.restart();
    // The restarted server has forgotten CONFIG SET: the feed must set it again.
    await waitFor(() => store.get(name).then(() => true, () => false), 15_000, 'the store to read from the restarted node');
    await waitFor(
      async () => String(await sendCommand(victim.port, ['CONFIG', 'GET', 'notify-keyspace-events'])).includes('K'),
      5000,
      'keyspace events on the restarted node',
    );
    await heardRawWriteOn(victim, name, 5000);
  }, 40_000);
});
