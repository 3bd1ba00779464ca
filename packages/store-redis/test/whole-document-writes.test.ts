import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Condition } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { sendCommand, startRedis, startRedisCluster, type RedisCluster, type RedisServer } from '@flipper-client/redis-server';
import { Cluster, Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

// What `put` sends: the conformance suite checks what it stores; here, that it costs one
// script call, in which Redis runs one SET and one PUBLISH (commands inside a script are counted
// too) and no read, on one server and on a cluster. With history (the default) the same script
// call also reads the document it replaces, for the entry's `before`, and appends the entry
// (XADD): still one round trip, and nothing read by the client.

const COUNTED = ['evalsha', 'eval', 'get', 'mget', 'exists', 'set', 'publish', 'watch', 'multi', 'xadd'];

/** Calls of the counted commands on these nodes since their last reset, by command. */
async function commandCalls(nodes: readonly RedisServer[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const node of nodes) {
    const stats = String(await sendCommand(node.port, ['INFO', 'commandstats']));
    for (const command of COUNTED) {
      const match = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats);
      if (match !== null) counts[command] = (counts[command] ?? 0) + Number(match[1]);
    }
  }
  return counts;
}

async function resetStats(nodes: readonly RedisServer[]): Promise<void> {
  for (const node of nodes) await sendCommand(node.port, ['CONFIG', 'RESETSTAT']);
}

const item = (name: string): FeatureFlagStoreItem =>
  new FeatureFlagStoreItem(name, true, new FeatureFlagMeta({ createdDate: 1_650_000_000, conditions: [new Condition({ is_admin: true })] }));

describe('put on one server', () => {
  let server: RedisServer;
  let redis: Redis;
  beforeAll(async () => {
    server = await startRedis();
    redis = new Redis(server.port, server.host);
  });
  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
  });

  it('is one script call and no read, for a new flag and over an existing one', async () => {
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('put'), history: false });
    await store.put(item('WARM')); // the script is cached on the server from here on
    await store.create('OVER', { clientData: { stale: true } });
    await resetStats([server]);
    await store.put(item('NEW'));
    await store.put(item('OVER'));
    expect(await commandCalls([server])).toEqual({ evalsha: 2, set: 2, publish: 2 });
    expect(await redis.get(store.keyOf('OVER'))).toBe(encodeDocument(item('OVER')));
  });

  it('with history, is still one script call, whose read is for the entry', async () => {
    const store = new RedisFeatureFlagStore(redis, { baseKey: uniqueBaseKey('put-history') });
    await store.put(item('WARM'));
    await store.create('OVER', { clientData: { stale: true } });
    await resetStats([server]);
    await store.put(item('NEW'));
    await store.put(item('OVER'));
    expect(await commandCalls([server])).toEqual({ evalsha: 2, get: 2, set: 2, xadd: 2, publish: 2 });
    expect((await store.history!('OVER'))[0]!.after).toBe(encodeDocument(item('OVER')));
  });
});

describe('put on a cluster', () => {
  let cluster: RedisCluster;
  let client: Cluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    client = new Cluster([...cluster.startupNodes]);
  });
  afterAll(async () => {
    await client?.quit();
    await cluster?.stop();
  });

  it("is one script call on the flag's own node, its entry inside it", async () => {
    const store = new RedisFeatureFlagStore(client, { baseKey: uniqueBaseKey('put-cluster') });
    const names = Array.from({ length: 12 }, (_, i) => `SPREAD_${i}`);
    for (const name of names) await store.create(name); // every node has the script cached, the client the slots
    await resetStats(cluster.nodes);
    for (const name of names) await store.put(item(name));
    const n = names.length;
    expect(await commandCalls(cluster.nodes)).toEqual({ evalsha: n, get: n, set: n, xadd: n, publish: n });
    for (const name of names) expect(await client.get(store.keyOf(name))).toBe(encodeDocument(item(name)));
  });
});
