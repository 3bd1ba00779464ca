import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { isPortFree, sendCommand, startRedisCluster, type RedisCluster } from '../src/index.js';

let cluster: RedisCluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

describe('startRedisCluster', () => {
  it('starts three masters that share all 16384 slots', async () => {
    expect(cluster.nodes.length).toBe(3);
    expect(cluster.startupNodes).toEqual(cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })));
    for (const node of cluster.nodes) {
      const info = String(await sendCommand(node.port, ['CLUSTER', 'INFO']));
      expect(info).toContain('cluster_state:ok');
      expect(info).toContain('cluster_slots_assigned:16384');
      expect(info).toContain('cluster_known_nodes:3');
      expect(info).toContain('cluster_size:3');
    }
  });

  it('redirects a key to the node that owns its slot', async () => {
    const replies = await Promise.all(cluster.nodes.map((node) => sendCommand(node.port, ['SET', 'some-key', 'v'])));
    expect(replies.filter((reply) => reply === 'OK').length).toBe(1);
    expect(replies.filter((reply) => String(reply).includes('MOVED')).length).toBe(2);
  });

  it('grows by a master that takes the slots asked for, keys and all', async () => {
    const growing = await startRedisCluster();
    try {
      // 200 keys, each written to the node that owns it (the others answer MOVED).
      for (let i = 0; i < 200; i++) {
        await Promise.all(growing.nodes.map((node) => sendCommand(node.port, ['SET', `key-${i}`, String(i)])));
      }
      const added = await growing.addMaster({ slots: 1000 });
      expect(growing.nodes).toHaveLength(4);
      expect(growing.nodes[3]).toBe(added);
      const own = String(await sendCommand(added.port, ['CLUSTER', 'NODES']))
        .split('\n')
        .find((line) => line.includes('myself'))!;
      const owned = own
        .split(' ')
        .slice(8)
        .map((range) => range.split('-').map(Number))
        .reduce((sum, [from, to]) => sum + ((to ?? from!) - from! + 1), 0);
      expect(owned).toBe(1000);
      const sizes = await Promise.all(growing.nodes.map((node) => sendCommand(node.port, ['DBSIZE'])));
      expect(sizes.reduce((sum: number, size) => sum + Number(size), 0)).toBe(200);
      expect(Number(sizes[3])).toBeGreaterThan(0);
      for (const node of growing.nodes) {
        const info = String(await sendCommand(node.port, ['CLUSTER', 'INFO']));
        expect(info).toContain('cluster_state:ok');
        expect(info).toContain('cluster_known_nodes:4');
      }
    } finally {
      await growing.stop();
    }
  });

  it('frees every port and bus port on stop', async () => {
    const other = await startRedisCluster();
    await other.stop();
    for (const node of other.nodes) {
      expect(await isPortFree(node.port)).toBe(true);
      expect(await isPortFree(node.port + 10000)).toBe(true);
    }
  });
});
