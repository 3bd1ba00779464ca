import type { Cluster, Redis } from 'ioredis';

/** What the store takes: an ioredis client or an ioredis Cluster, configured by the application. */
export type RedisClient = Redis | Cluster;

export function isCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}

/** The connections that hold flags: the client itself, or every master of a cluster. */
export function dataNodes(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('master') : [client];
}

/** The `keyPrefix` ioredis would add to every key, if the application configured one. */
export function configuredKeyPrefix(client: RedisClient): string | undefined {
  const prefix = isCluster(client)
    ? (client.options.keyPrefix ?? client.options.redisOptions?.keyPrefix)
    : client.options.keyPrefix;
  return prefix === undefined || prefix === '' ? undefined : prefix;
}

/** Strings the application configured as secrets, to keep out of error messages. */
export function configuredSecrets(client: RedisClient): string[] {
  const options = isCluster(client) ? client.options.redisOptions : client.options;
  return [options?.password].filter((secret): secret is string => typeof secret === 'string' && secret.length > 0);
}

/** The database keyspace notifications are published for (clusters have only database 0). */
export function databaseIndex(node: Redis): number {
  return node.options.db ?? 0;
}
