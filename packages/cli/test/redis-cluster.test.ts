import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedisCluster, type RedisCluster } from '@flipper-client/redis-server';
import { flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { tempDirectory } from './support/temp-dir.js';

const run = promisify(execFile);
const directory = tempDirectory('cluster');
let cluster: RedisCluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('a redis+cluster:// store', () => {
  it('takes the flags of an import across every master, lists and exports them all, and changes one', async () => {
    const url = `redis+cluster://${cluster.startupNodes.map((node) => `${node.host}:${node.port}`).join(',')}?base-key=clustered`;
    const text = asJsonLines(seedItems(200, 'SPREAD'));
    writeFileSync(join(directory, 'seed.jsonl'), text);
    const imported = JSON.parse((await flipperOk(['import', 'seed.jsonl', '--json', '--store', url], { cwd: directory })).stdout);
    expect(imported).toMatchObject({ created: 200, verified: 200 });
    // The keys really are spread: every master holds some of them.
    for (const node of cluster.nodes) {
      const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(node.port), 'DBSIZE']);
      expect(Number(stdout.trim())).toBeGreaterThan(0);
    }
    expect((await flipperOk(['export', '--store', url])).stdout).toBe(text);
    await flipperOk(['enable', 'SPREAD_00001', '--store', url]);
    expect(JSON.parse((await flipperOk(['show', 'SPREAD_00001', '--json', '--store', url])).stdout).is_enabled).toBe(true);
  });
});
