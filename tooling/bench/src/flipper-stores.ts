import type { FeatureFlagStore } from '@flipper-client/core/store';

/**
 * Builds the Redis and cached stores for the scenarios that need them, from the workspace
 * packages written beside the bench. It uses their API as SPEC §6 states it:
 * `new RedisFeatureFlagStore(ioredisClient, { baseKey })` and
 * `new CachedFeatureFlagStore(innerStore, options?)`, with an optional `preload()`.
 */

export const STORE_REDIS = '@flipper-client/store-redis';
export const STORE_CACHED = '@flipper-client/store-cached';

/** The part of an ioredis client the bench uses itself. */
export interface RedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  quit(): Promise<unknown>;
}

type RedisClientClass = new (options: { host: string; port: number; maxRetriesPerRequest?: number }) => RedisClient;
type StoreClass<A extends unknown[]> = new (...args: A) => FeatureFlagStore;

/** How a process gets at the packages: the run context in the runner, plain lookups in a child. */
export interface PackageAccess {
  importPackage<T>(name: string): Promise<T>;
  requireFrom<T>(packageName: string, dependency: string): T;
}

export interface RedisStores {
  newRedisClient(endpoint: { host: string; port: number }): RedisClient;
  /** `history: false` makes a store that keeps no history (the store package's default keeps it). */
  newRedisStore(client: RedisClient, baseKey: string, options?: { history?: false }): FeatureFlagStore;
  /** Present when the cached store package is. */
  newCachedStore?(inner: FeatureFlagStore): FeatureFlagStore;
}

function exportedClass<A extends unknown[]>(module: Record<string, unknown>, packageName: string, name: string): StoreClass<A> {
  const candidate = module[name];
  if (typeof candidate !== 'function') {
    throw new Error(`${packageName} exports no ${name} (it exports: ${Object.keys(module).join(', ') || 'nothing'})`);
  }
  return candidate as StoreClass<A>;
}

export async function loadRedisStores(access: PackageAccess, options: { cached: boolean }): Promise<RedisStores> {
  const redisModule = await access.importPackage<Record<string, unknown>>(STORE_REDIS);
  const RedisStore = exportedClass<[RedisClient, { baseKey: string; history?: false; commandTimeoutMs?: number }]>(redisModule, STORE_REDIS, 'RedisFeatureFlagStore');
  // Under valgrind (`callgrind.ts` sets it) a command takes far longer than the default 1 s.
  const commandTimeoutMs = Number(process.env.FLIPPER_BENCH_COMMAND_TIMEOUT_MS) || undefined;
  // The ioredis the store resolves as its peer dependency: one driver instance, as in an app.
  const ioredis = access.requireFrom<RedisClientClass | { default: RedisClientClass }>(STORE_REDIS, 'ioredis');
  const Redis = typeof ioredis === 'function' ? ioredis : ioredis.default;
  const stores: RedisStores = {
    newRedisClient: ({ host, port }) => new Redis({ host, port, maxRetriesPerRequest: 1 }),
    newRedisStore: (client, baseKey, options = {}) =>
      new RedisStore(client, commandTimeoutMs === undefined ? { baseKey, ...options } : { baseKey, commandTimeoutMs, ...options }),
  };
  if (!options.cached) return stores;
  const cachedModule = await access.importPackage<Record<string, unknown>>(STORE_CACHED);
  const CachedStore = exportedClass<[FeatureFlagStore]>(cachedModule, STORE_CACHED, 'CachedFeatureFlagStore');
  return { ...stores, newCachedStore: (inner) => new CachedStore(inner) };
}

/** Loads every flag into a cached store's local copy when it can (`preload()`). */
export async function preloadIfPossible(store: FeatureFlagStore): Promise<boolean> {
  const preload = (store as { preload?: () => Promise<unknown> }).preload;
  if (typeof preload !== 'function') return false;
  await preload.call(store);
  return true;
}

/** Closes a store that holds resources; stores without `close` need nothing. */
export async function closeStore(store: FeatureFlagStore): Promise<void> {
  await store.close?.();
}
