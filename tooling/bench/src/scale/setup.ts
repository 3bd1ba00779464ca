import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { closeStore, loadRedisStores, type RedisClient, type RedisStores } from '../flipper-stores.js';
import type { RunContext } from '../run-context.js';
import { seedRedis } from './seed.js';

export const ADMIN = '@flipper-client/admin';
export const CLI = '@flipper-client/cli';
export const TOKEN = 'bench-token';

/** The part of @flipper-client/admin the scenario uses: its Web-standard handler, in process. */
interface AdminModule {
  createAdminApp(
    client: FeatureFlagClient,
    options: { basePath: string; authorize: (request: Request) => 'write' | false },
  ): { fetch(request: Request): Promise<Response>; close(): void };
}

/** One seeded base key on the run's Redis, and what the rows of one size share. */
export interface ScaleStore {
  readonly size: number;
  readonly baseKey: string;
  readonly redisUrl: string;
  readonly stores: RedisStores;
  readonly client: RedisClient;
  /** The admin app over the uncached Redis store, as `admin-list` mounts it. */
  admin(): Promise<(path: string) => Promise<string>>;
}

const prepared = new Map<string, Promise<ScaleStore>>();

/** Seeds `size` flags (the mix, or plain only) once per run and size. */
export function scaleStore(context: RunContext, size: number, plainOnly = false): Promise<ScaleStore> {
  const id = `${size}${plainOnly ? '-plain' : ''}`;
  let store = prepared.get(id);
  if (store === undefined) {
    store = prepare(context, size, plainOnly);
    prepared.set(id, store);
  }
  return store;
}

async function prepare(context: RunContext, size: number, plainOnly: boolean): Promise<ScaleStore> {
  const redis = await context.redis();
  const stores = await loadRedisStores(context, { cached: true });
  const client = stores.newRedisClient(redis);
  context.onCleanup(async () => void (await client.quit()));
  const baseKey = `bench-scale-${process.pid}-${size}${plainOnly ? '-plain' : ''}`;
  await seedRedis(client, baseKey, size, plainOnly);
  let admin: Promise<(path: string) => Promise<string>> | undefined;
  return {
    size,
    baseKey,
    redisUrl: `redis://${redis.host}:${redis.port}?base-key=${baseKey}`,
    stores,
    client,
    admin: () => (admin ??= mountAdmin(context, stores.newRedisStore(client, baseKey, { history: false }))),
  };
}

async function mountAdmin(context: RunContext, store: FeatureFlagStore): Promise<(path: string) => Promise<string>> {
  const module = await context.importPackage<AdminModule>(ADMIN);
  const app = module.createAdminApp(new FeatureFlagClient(store), {
    basePath: '/flags',
    authorize: (request) => (request.headers.get('authorization') === `Bearer ${TOKEN}` ? 'write' : false),
  });
  context.onCleanup(async () => {
    app.close();
    await closeStore(store);
  });
  return async (path) => {
    const response = await app.fetch(new Request(`http://admin.test/flags${path}`, { headers: { authorization: `Bearer ${TOKEN}` } }));
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    return text;
  };
}

/** The built CLI binary and a scratch folder for `export --output`. */
let cliPaths: { bin: string; scratch: string } | undefined;

export function cliBinary(context: RunContext): { bin: string; scratch: string } {
  if (cliPaths !== undefined) return cliPaths;
  const cli = context.findPackage(CLI)!;
  const bin = join(cli.dir, 'dist', 'bin.js');
  if (!existsSync(bin)) throw new Error(`${bin} is not built: pnpm turbo run build --filter=${CLI}`);
  const scratch = mkdtempSync(join(tmpdir(), 'flipper-bench-scale-'));
  context.onCleanup(() => rmSync(scratch, { recursive: true, force: true }));
  cliPaths = { bin, scratch };
  return cliPaths;
}
