import { loadRedisStores, type RedisClient, type RedisStores } from './flipper-stores.js';
import type { RunContext } from './run-context.js';

/**
 * The run's redis-server, the Redis store package without a cache in front, and one ioredis
 * client on it that the run quits at cleanup: what the uncached Redis scenarios start from.
 */
export async function connectUncachedRedis(context: RunContext): Promise<{ stores: RedisStores; client: RedisClient }> {
  const server = await context.redis();
  const stores = await loadRedisStores(context, { cached: false });
  const client = stores.newRedisClient(server);
  context.onCleanup(async () => void (await client.quit()));
  return { stores, client };
}
