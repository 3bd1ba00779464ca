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

  it('frees every port and bus port on stop', async () => {
    const other = await startRedisCluster();
    await other.stop();
    for (const node of other.nodes) {
      expect(await isPortFree(node.port)).toBe(true);
      expect(await isPortFree(node.port + 10000)).toBe(true);
    }
  });
});
