import { spawn } from 'node:child_process';
import { startRedis, type RedisServer } from './redis-server.js';
import { sendCommand } from './resp.js';

export interface StartRedisClusterOptions {
  /** Master nodes; default 3 (the fewest `redis-cli --cluster create` accepts). */
  masters?: number;
  /** How long to wait for `cluster_state:ok` on every node; default 20 s. */
  readyTimeoutMs?: number;
}

/** A Redis Cluster of masters only, on loopback. */
export interface RedisCluster {
  readonly nodes: readonly RedisServer[];
  /** `[{ host, port }]` of the nodes it started with, the shape `new Cluster(startupNodes)` takes. */
  readonly startupNodes: readonly { host: string; port: number }[];
  /**
   * Grows the cluster while it runs, as an operator scaling out does: starts one more master,
   * joins it (`redis-cli --cluster add-node`) and moves `slots` hash slots to it from the other
   * masters, keys included (`--cluster reshard`). Resolves with the new node once every node
   * reports `cluster_state:ok`; it is in `nodes` from then on.
   */
  addMaster(options: { slots: number }): Promise<RedisServer>;
  stop(): Promise<void>;
}

function runRedisCli(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`redis-cli ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

async function clusterStateOk(port: number, knownNodes: number): Promise<boolean> {
  const info = await sendCommand(port, ['CLUSTER', 'INFO'], 500).catch(() => '');
  return typeof info === 'string' && info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${knownNodes}\r`);
}

async function waitUntil(what: string, timeoutMs: number, attempt: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every node is serving and knows every other one. */
const allStatesOk = (nodes: readonly RedisServer[]) => async (): Promise<boolean> =>
  (await Promise.all(nodes.map((node) => clusterStateOk(node.port, nodes.length)))).every(Boolean);

function startClusterNode(): Promise<RedisServer> {
  return startRedis({
    clusterBus: true,
    // The config file name is relative to the node's --dir, which is its own temp dir.
    args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'],
  });
}

async function addMaster(nodes: RedisServer[], slots: number, readyTimeoutMs: number): Promise<RedisServer> {
  const existing = nodes[0]!;
  const node = await startClusterNode();
  nodes.push(node);
  await runRedisCli(['--cluster', 'add-node', `${node.host}:${node.port}`, `${existing.host}:${existing.port}`]);
  const id = await sendCommand(node.port, ['CLUSTER', 'MYID']);
  if (typeof id !== 'string') throw new Error(`redis cluster: CLUSTER MYID answered ${String(id)}`);
  // Slots can move only once every node knows the new one and it has learned the slot map by
  // gossip: before that a source answers "I don't know about node", or the new node answers
  // CLUSTERDOWN to the keys migrated to it, and the reshard stops half-way.
  await waitUntil('the new node joining', readyTimeoutMs, allStatesOk(nodes));
  await runRedisCli([
    '--cluster', 'reshard', `${existing.host}:${existing.port}`,
    '--cluster-from', 'all', '--cluster-to', id, '--cluster-slots', String(slots), '--cluster-yes',
  ]);
  await waitUntil('cluster_state:ok on every node', readyTimeoutMs, allStatesOk(nodes));
  return node;
}

/**
 * Starts `masters` Redis nodes with `--cluster-enabled yes`, each with its own cluster config
 * file in its temp dir and a free port whose bus port (+10000) is free too, joins them with
 * `redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes`, and resolves when every
 * node reports `cluster_state:ok`.
 */
export async function startRedisCluster(options: StartRedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const readyTimeoutMs = options.readyTimeoutMs ?? 20_000;
  const nodes: RedisServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (let i = 0; i < masters; i++) nodes.push(await startClusterNode());
    await runRedisCli([
      '--cluster', 'create',
      ...nodes.map((node) => `${node.host}:${node.port}`),
      '--cluster-replicas', '0',
      '--cluster-yes',
    ]);
    await waitUntil('cluster_state:ok on every node', readyTimeoutMs, allStatesOk(nodes));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes,
    startupNodes: nodes.map((node) => ({ host: node.host, port: node.port })),
    addMaster: ({ slots }) => addMaster(nodes, slots, readyTimeoutMs),
    stop,
  };
}

