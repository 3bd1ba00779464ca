import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WriteOutcomeUnknownError } from '@flipper-client/core/store';
import { startRedis, startRedisCluster, type RedisCluster, type RedisServer } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Cluster, Redis } from 'ioredis';
import { TcpFaultProxy } from '../src/index.js';
import { reportFigures } from './support/figures.js';
import { settle, uniqueName, within } from './support/time.js';
import { scriptCalls, storedWriter, writtenBy } from './support/write-safety.js';

/**
 * The partition scenario of issue 30: process P1 reaches Redis through a TCP proxy, P2 directly.
 * P1's write goes into a silent partition and times out; P2 writes the same flag; the partition
 * heals, the proxy resets P1's connection and ioredis re-sends P1's unanswered write
 * (`autoResendUnfulfilledCommands`, on by default). The write script refuses it (its deadline
 * passed on the server's clock): P2's write stays.
 */
const TIMEOUT_MS = 400;

let redis: RedisServer;
let cluster: RedisCluster;

beforeAll(async () => {
  [redis, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
});

afterAll(async () => {
  await Promise.all([redis?.stop(), cluster?.stop()]);
});

interface Partitioned {
  /** P1's client, through the proxies. */
  p1: Redis | Cluster;
  /** P2's client and the direct connections to every node, to count script calls. */
  p2: Redis | Cluster;
  nodes: Redis[];
  proxies: TcpFaultProxy[];
}

async function overSingleServer(): Promise<Partitioned> {
  const proxy = await TcpFaultProxy.start({ host: redis.host, port: redis.port });
  return {
    p1: new Redis(proxy.port, proxy.host),
    p2: new Redis(redis.port, redis.host),
    nodes: [new Redis(redis.port, redis.host)],
    proxies: [proxy],
  };
}

async function overCluster(): Promise<Partitioned> {
  const proxies = await Promise.all(cluster.startupNodes.map((node) => TcpFaultProxy.start(node)));
  // The nodes announce their own addresses: natMap sends P1 to each node's proxy instead.
  const natMap = Object.fromEntries(
    cluster.startupNodes.map((node, i) => [`${node.host}:${node.port}`, { host: proxies[i]!.host, port: proxies[i]!.port }]),
  );
  return {
    p1: new Cluster(proxies.map((proxy) => ({ host: proxy.host, port: proxy.port })), { natMap }),
    p2: new Cluster([...cluster.startupNodes]),
    nodes: cluster.startupNodes.map((node) => new Redis(node.port, node.host)),
    proxies,
  };
}

describe.each([
  ['Redis', overSingleServer],
  ['Redis Cluster', overCluster],
])('%s: a write that timed out in a partition', (label, open) => {
  it("is refused when ioredis re-sends it after the partition heals: the later writer's document stays", async () => {
    const { p1, p2, nodes, proxies } = await open();
    const baseKey = uniqueName('partition');
    const store1 = new RedisFeatureFlagStore(p1, { baseKey, commandTimeoutMs: TIMEOUT_MS });
    const store2 = new RedisFeatureFlagStore(p2, { baseKey, commandTimeoutMs: TIMEOUT_MS });
    try {
      await store1.put(writtenBy('setup', false));
      proxies.forEach((proxy) => proxy.blackhole());
      const { error } = await settle(store1.put(writtenBy('P1', true)));
      expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
      expect((error as Error).message).toContain('may or may not have been applied');

      await store2.put(writtenBy('P2', false));
      const callsBefore = await scriptCalls(nodes);
      await Promise.all(proxies.map((proxy) => proxy.restore()));
      // ioredis reconnects through the proxy and sends P1's write again: the script runs, and refuses.
      const resentAfterMs = await within(10_000, "P1's write re-sent", async () => (await scriptCalls(nodes)) > callsBefore);
      expect(await storedWriter(store2)).toBe('P2');
      // Still P2's once P1's client is back and has drained everything it held.
      await within(10_000, 'P1 ready again', () => p1.status === 'ready');
      await p1.ping();
      expect(await storedWriter(store1)).toBe('P2');
      reportFigures(`write safety, ${label}, partition`, { reportedFailedButApplied: 0, resentAfterMs });
    } finally {
      await Promise.all(proxies.map((proxy) => proxy.close()));
      for (const client of [p1, p2, ...nodes]) client.disconnect();
    }
  });
});
