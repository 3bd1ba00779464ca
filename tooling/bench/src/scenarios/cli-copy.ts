import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Percentage, ConsistentHashPercentageBucketer, Condition } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import type { RunContext } from '../run-context.js';
import { defineScenario, type LatencySamples } from '../scenario.js';

const CLI = '@flipper-client/cli';
const CONSUL_KV = '@flipper-client/consul-kv';
const FLAGS = 10_000;
const QUICK_FLAGS = 2_000;
/** The issue's goal for a copy Redis → Consul KV endpoint. */
const GOAL_FLAGS_PER_SECOND = 2_000;

interface ConsulKvModule {
  startConsulKv(options: { maxRecordedRequests: number }): Promise<{ address: string; stop(): Promise<void> }>;
}

interface Setup {
  readonly bin: string;
  readonly redisUrl: string;
  readonly consulAddress: string;
  readonly flags: number;
}

/** Flags of a realistic mix: a third with conditions, every second one on a consistent 50%. */
function seedText(count: number): string {
  let text = '';
  for (let index = 0; index < count; index++) {
    const meta = new FeatureFlagMeta({
      createdDate: 1_700_000_000 + index,
      clientData: index % 4 === 0 ? {} : { owner: `team-${index % 7}`, ticket: index },
      conditions: index % 3 === 0 ? [new Condition({ is_admin: true })] : [],
      bucketer: index % 2 === 0 ? new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }) : undefined,
    });
    text += `${encodeDocument(new FeatureFlagStoreItem(`FLAG_${String(index).padStart(5, '0')}`, index % 2 === 0, meta))}\n`;
  }
  return text;
}

/** Runs the built binary; resolves to its wall time in ms, rejects with its stderr when it fails. */
function runFlipper(bin: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args, '--no-progress'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`flipper ${args[0]} exited ${code}: ${stderr.trim()}`))));
  });
}

let shared: Promise<Setup> | undefined;

/** One Redis holding the flags (seeded through `flipper import`) and one Consul KV endpoint, for both rows. */
function setUp(context: RunContext): Promise<Setup> {
  shared ??= (async () => {
    const cli = context.findPackage(CLI)!;
    const bin = join(cli.dir, 'dist', 'bin.js');
    if (!existsSync(bin)) throw new Error(`${bin} is not built: pnpm turbo run build --filter=${CLI}`);
    const flags = context.quick ? QUICK_FLAGS : FLAGS;
    const redis = await context.redis();
    const redisUrl = `redis://${redis.host}:${redis.port}?base-key=bench-cli-copy`;
    const address = process.env['CONSUL_HTTP_ADDR'];
    const endpoint = address === undefined ? await (await context.importPackage<ConsulKvModule>(CONSUL_KV)).startConsulKv({ maxRecordedRequests: 0 }) : undefined;
    if (endpoint !== undefined) context.onCleanup(() => endpoint.stop());
    const directory = mkdtempSync(join(tmpdir(), 'flipper-bench-cli-'));
    context.onCleanup(() => rmSync(directory, { recursive: true, force: true }));
    const file = join(directory, 'seed.jsonl');
    writeFileSync(file, seedText(flags));
    await runFlipper(bin, ['import', file, '--store', redisUrl]);
    return { bin, redisUrl, consulAddress: endpoint?.address ?? address!.replace(/^https?:\/\//, ''), flags };
  })();
  return shared;
}

function note(setup: Setup, delaysMs: readonly number[], what: string): string {
  const sorted = [...delaysMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const rate = Math.round((setup.flags * 1000) / median);
  const best = Math.round((setup.flags * 1000) / (sorted[0] ?? Number.NaN));
  return `${setup.flags.toLocaleString('en-US')} flags ${what}: ${rate.toLocaleString('en-US')} flags/s at p50, ${best.toLocaleString('en-US')} at best (goal ≥ ${GOAL_FLAGS_PER_SECOND.toLocaleString('en-US')}/s: ${rate >= GOAL_FLAGS_PER_SECOND ? 'met' : 'NOT met'}); a whole process per sample: start, read Redis, write Consul, read it back and compare every document`;
}

/** Each sample copies into a fresh base key (`fresh`) or again into the one the first sample filled. */
async function measure(context: RunContext, samples: number, fresh: boolean): Promise<LatencySamples> {
  const setup = await setUp(context);
  const delaysMs: number[] = [];
  const target = (index: number): string => `consul://${setup.consulAddress}/bench-cli-copy/${fresh ? `run-${process.pid}-${index}` : `again-${process.pid}`}`;
  if (!fresh) await runFlipper(setup.bin, ['copy', '--from', setup.redisUrl, '--to', target(0)]);
  for (let index = 0; index < samples; index++) delaysMs.push(await runFlipper(setup.bin, ['copy', '--from', setup.redisUrl, '--to', target(index)]));
  return { delaysMs, timeouts: 0, note: note(setup, delaysMs, fresh ? 'created' : 'unchanged') };
}

export default defineScenario({
  kind: 'latency',
  id: 'cli-copy',
  title: 'flipper copy: Redis → Consul KV endpoint',
  description:
    'The built `flipper copy` binary migrating every flag from a Redis store to the Consul KV endpoint of tooling/consul-kv (or CONSUL_HTTP_ADDR): each sample is one whole run, verification included. flags/s in the notes.',
  order: 97,
  requires: [CLI, CONSUL_KV, '@flipper-client/store-redis', '@flipper-client/store-consul'],
  samples: 3,
  quickSamples: 1,
  subjects: [
    { id: 'copy-new', library: 'flipper CLI', call: 'flipper copy --from redis://… --to consul://… (all new)', measure: (context, samples) => measure(context, samples, true) },
    { id: 'copy-unchanged', library: 'flipper CLI', call: 'the same copy again (all unchanged)', measure: (context, samples) => measure(context, samples, false) },
  ],
});
