import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { decodeDocument, hasHistory } from '@flipper-client/core/store';
import { AWKWARD_NAMES } from '@flipper-client/test-suite';
import { sendCommand, startRedis, startRedisCluster, type RedisCluster, type RedisServer } from '@flipper-client/redis-server';
import { Cluster, Redis } from 'ioredis';
import { clusterSlot } from '../src/cluster-slot.js';
import { RedisFeatureFlagStore } from '../src/index.js';
import { uniqueBaseKey } from './support/namespaces.js';

let server: RedisServer;
let cluster: RedisCluster;
let single: Redis;
let clustered: Cluster;

// Names whose keys Redis Cluster hashes in every way: whole, by a tag of their own, with an
// empty tag, with an unclosed brace, with a closing brace but no opening one.
const BRACE_NAMES = ['a}b', '{}x', '{t}x', 'a{b', 'x{}{y}', '}', '{', 'a{b}c{d}'];

/**
 * What the Python library's `list()` does on a server: SCAN `<base_key>/*` (the pattern as it
 * is, unescaped) and decode every value found as a flag document. Resolves to the names decoded;
 * throws on any value that is not a flag document, as the Python listing would.
 */
async function pythonList(port: number, baseKey: string): Promise<string[]> {
  const names: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = (await sendCommand(port, ['SCAN', cursor, 'MATCH', `${baseKey}/*`, 'COUNT', '1000'])) as [string, string[]];
    cursor = next;
    for (const key of keys) {
      const text = (await sendCommand(port, ['GET', key])) as string;
      const document = JSON.parse(text) as { feature_name: string };
      decodeDocument(document.feature_name, text);
      names.push(document.feature_name);
    }
  } while (cursor !== '0');
  return names.sort();
}

async function writeEveryKind(store: RedisFeatureFlagStore, names: readonly string[]): Promise<void> {
  const client = new FeatureFlagClient(store, { actor: 'test:layout' });
  for (const name of names) {
    await client.create(name);
    await client.enable(name);
    await client.setClientData(name, { n: 1 });
  }
  await client.create('GONE');
  await client.destroy('GONE');
}

beforeAll(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
  single = new Redis(server.port, server.host);
  clustered = new Cluster([...cluster.startupNodes]);
});

afterAll(async () => {
  await single?.quit();
  await clustered?.quit();
  await Promise.all([server?.stop(), cluster?.stop()]);
});

describe('history keys', () => {
  it("sit in their flag's hash slot, whatever braces the name holds", () => {
    const store = new RedisFeatureFlagStore(single, { baseKey: 'features' });
    for (const name of [...AWKWARD_NAMES, ...BRACE_NAMES, 'NEW_CHECKOUT']) {
      const historyKey = store.historyKeyOf(name);
      expect(clusterSlot(historyKey)).toBe(clusterSlot(store.keyOf(name)));
      expect(historyKey.startsWith('features/')).toBe(false);
    }
    expect(store.historyKeyOf('NEW_CHECKOUT')).toBe('{features/NEW_CHECKOUT}:history:features/NEW_CHECKOUT');
  });

  it('are not seen by a listing done as the Python library does it, on a server', async () => {
    const baseKey = uniqueBaseKey('python-list');
    const store = new RedisFeatureFlagStore(single, { baseKey });
    const names = ['A', 'B', ...AWKWARD_NAMES.filter((name) => !/[*?[\]\\]/.test(name))];
    await writeEveryKind(store, names);
    expect(await pythonList(server.port, baseKey)).toEqual([...names].sort());
    const streams = (await single.keys(`{*}:history:${baseKey}/*`)).length;
    expect(streams).toBe(names.length + 1);
  });

  it('are not seen by a listing done as the Python library does it, on every master of a cluster', async () => {
    const baseKey = uniqueBaseKey('python-list-cluster');
    const store = new RedisFeatureFlagStore(clustered, { baseKey });
    const names = [...Array.from({ length: 30 }, (_, i) => `F${i}`), ...BRACE_NAMES];
    await writeEveryKind(store, names);
    const listed = (await Promise.all(cluster.nodes.map((node) => pythonList(node.port, baseKey)))).flat().sort();
    expect(listed).toEqual([...names].sort());
    for (const name of BRACE_NAMES) {
      expect((await store.history!(name)).map((entry) => entry.action)).toEqual(['set_client_data', 'enable', 'create']);
    }
    const across = await store.historyAcrossFlags!({ limit: 1000 });
    expect(across).toHaveLength(names.length * 3 + 2);
  });

  it('are not written at all with history: false, and createIfAbsent still refuses to overwrite', async () => {
    const baseKey = uniqueBaseKey('no-history');
    const store = new RedisFeatureFlagStore(single, { baseKey, history: false });
    expect(hasHistory(store)).toBe(false);
    const client = new FeatureFlagClient(store);
    await client.createIfAbsent('PLAIN');
    await client.enable('PLAIN');
    await expect(client.createIfAbsent('PLAIN')).rejects.toMatchObject({ code: 'FLAG_EXISTS', featureName: 'PLAIN' });
    expect(await client.isEnabled('PLAIN')).toBe(true);
    expect(await single.keys(`*${baseKey}*`)).toEqual([`${baseKey}/PLAIN`]);
  });

  it('refuses retention that makes no sense before anything is sent', () => {
    expect(() => new RedisFeatureFlagStore(single, { history: { limit: 0 } })).toThrow(/redis store: history limit/);
    expect(() => new RedisFeatureFlagStore(single, { history: { maxAgeMs: 0 } })).toThrow(/redis store: history maxAgeMs/);
  });
});
