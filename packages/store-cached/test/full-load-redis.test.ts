import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem, type FlipperError } from '@flipper-client/core/store';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { FaultyStore } from '@flipper-client/test-suite';
import { Redis } from 'ioredis';
import { CachedFeatureFlagStore, type CacheErrorContext } from '../src/index.js';
import { REREAD_BATCH } from '../src/full-load.js';
import { ListingFaults } from './support/listing-faults.js';

const FLAGS = 1000;
const name = (index: number): string => `FLAG_${String(index).padStart(4, '0')}`;

let server: RedisServer;
let raw: Redis;
let storeClient: Redis;
let baseKey = '';
let keyNumber = 0;
const caches: CachedFeatureFlagStore[] = [];
const redisStores: RedisFeatureFlagStore[] = [];

beforeAll(async () => {
  server = await startRedis();
  raw = new Redis({ host: server.host, port: server.port });
  storeClient = new Redis({ host: server.host, port: server.port, maxRetriesPerRequest: 1 });
});

afterEach(async () => {
  for (const cache of caches.splice(0)) await cache.close();
  for (const store of redisStores.splice(0)) await store.close();
});

afterAll(async () => {
  await storeClient?.quit().catch(() => undefined);
  await raw?.quit().catch(() => undefined);
  await server?.stop();
});

/** What another program (the Python library) writes, straight to Redis. */
function writeRaw(index: number, isEnabled: boolean): Promise<unknown> {
  const item = new FeatureFlagStoreItem(name(index), isEnabled, new FeatureFlagMeta({ createdDate: 1_700_000_000 }));
  return raw.set(`${baseKey}/${name(index)}`, encodeDocument(item));
}

/** A fresh base key of FLAGS disabled flags, and a cache over it through the fault wrappers. */
async function cacheOverRedis(): Promise<{ cache: CachedFeatureFlagStore; faulty: FaultyStore; faults: ListingFaults; errors: Array<[FlipperError, CacheErrorContext]> }> {
  baseKey = `cached-full-load-${process.pid}-${keyNumber++}`;
  const pipeline = raw.pipeline();
  for (let index = 0; index < FLAGS; index++) {
    pipeline.set(`${baseKey}/${name(index)}`, encodeDocument(new FeatureFlagStoreItem(name(index), false, new FeatureFlagMeta({ createdDate: 1_700_000_000 }))));
  }
  await pipeline.exec();
  const redisStore = new RedisFeatureFlagStore(storeClient, { baseKey, history: false });
  redisStores.push(redisStore);
  const faults = new ListingFaults(redisStore);
  const faulty = new FaultyStore(faults.store);
  const errors: Array<[FlipperError, CacheErrorContext]> = [];
  const cache = new CachedFeatureFlagStore(faulty, { onError: (error, context) => errors.push([error, context]) });
  caches.push(cache);
  return { cache, faulty, faults, errors };
}

function nextReload(cache: CachedFeatureFlagStore): Promise<void> {
  return new Promise((resolve) => {
    const stop = cache.watch!((change) => {
      if (change.kind !== 'all') return;
      stop();
      resolve();
    });
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('full load over Redis', () => {
  it('keeps answering from the previous copy while a reload runs, then shows what the reload read', async () => {
    const { cache, faulty } = await cacheOverRedis();
    await cache.preload();
    // Written behind the cache's back: only the reload can find it.
    faulty.muteFeed();
    await writeRaw(900, true);
    const gate = faulty.holdList();
    const reloaded = nextReload(cache);
    faulty.emit({ kind: 'all' });
    await gate.reached;

    expect(cache.syncReady).toBe(true);
    expect(cache.getSync(name(900))?.enabled).toBe(false);
    expect((await cache.get(name(900)))?.enabled).toBe(false);
    for (let index = 0; index < FLAGS; index++) expect(cache.getSync(name(index))?.featureName).toBe(name(index));

    gate.release();
    await reloaded;
    expect(cache.getSync(name(900))?.enabled).toBe(true);
  });

  it('drops a listing that fails half-way: the previous copy serves every flag, and the retry installs the new one', async () => {
    const { cache, faulty, faults, errors } = await cacheOverRedis();
    await cache.preload();
    faulty.muteFeed();
    await writeRaw(100, true); // read before the failure point
    await writeRaw(900, true); // after it
    faults.failAfter = FLAGS / 2;
    faulty.emit({ kind: 'all' });
    await until(() => errors.length > 0, 'the failed reload to be reported');

    expect(errors[0]![1]).toEqual({ operation: 'resync', featureName: undefined, servedStale: true });
    expect(errors[0]![0].message).toContain(`injected failure after ${FLAGS / 2} flags`);
    expect(cache.syncReady).toBe(true);
    expect(cache.getSync(name(100))?.enabled).toBe(false);
    expect(cache.getSync(name(900))?.enabled).toBe(false);
    for (let index = 0; index < FLAGS; index++) expect(cache.getSync(name(index))?.featureName).toBe(name(index));

    const reloaded = nextReload(cache);
    faults.failAfter = undefined;
    await reloaded; // the backoff retry
    expect(faults.listings).toBeGreaterThanOrEqual(3);
    expect(cache.getSync(name(100))?.enabled).toBe(true);
    expect(cache.getSync(name(900))?.enabled).toBe(true);
  });

  it('reads the flags that changed during the listing again in bounded batches, not all at once', async () => {
    const { cache, faulty, faults } = await cacheOverRedis();
    const gate = faulty.holdList();
    const preloading = cache.preload();
    await gate.reached;
    const changed = 3 * REREAD_BATCH + 7;
    for (let index = 0; index < changed; index++) {
      await writeRaw(index, true);
      faulty.emit({ kind: 'flag', featureName: name(index) });
    }
    gate.release();
    await preloading;

    expect(faulty.calls.get).toBeGreaterThanOrEqual(changed);
    expect(faults.maxGetsInFlight).toBeGreaterThan(1);
    expect(faults.maxGetsInFlight).toBeLessThanOrEqual(REREAD_BATCH);
    for (let index = 0; index < FLAGS; index++) expect(cache.getSync(name(index))?.enabled).toBe(index < changed);
  });
});
