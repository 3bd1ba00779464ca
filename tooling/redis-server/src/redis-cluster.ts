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
  /** `[{ host, port }]` of every node, the shape `new Cluster(startupNodes)` takes. */
  readonly startupNodes: readonly { host: string; port: number }[];
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

async function clusterStateOk(port: number): Promise<boolean> {
  const info = await sendCommand(port, ['CLUSTER', 'INFO'], 500).catch(() => '');
  return typeof info === 'string' && info.includes('cluster_state:ok');
}

/**
 * Starts `masters` Redis nodes with `--cluster-enabled yes`, each with its own cluster config
 * file in its temp dir and a free port whose bus port (+10000) is free too, joins them with
 * `redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes`, and resolves when every
 * node reports `cluster_state:ok`.
 */
export async function startRedisCluster(options: StartRedisClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const nodes: RedisServer[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (let i = 0; i < masters; i++) {
      const node = await startRedis({
        clusterBus: true,
        // The config file name is relative to the node's --dir, which is its own temp dir.
        args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'],
      });
      nodes.push(node);
    }
    await runRedisCli([
      '--cluster', 'create',
      ...nodes.map((node) => `${node.host}:${node.port}`),
      '--cluster-replicas', '0',
      '--cluster-yes',
    ]);
    const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
    for (;;) {
      const states = await Promise.all(nodes.map((node) => clusterStateOk(node.port)));
      if (states.every(Boolean)) break;
      if (Date.now() > deadline) throw new Error('redis cluster: not every node reached cluster_state:ok in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    nodes,
    startupNodes: nodes.map((node) => ({ host: node.host, port: node.port })),
    stop,
  };
}

