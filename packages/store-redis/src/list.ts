import { compareCodePoints } from '@flipper-client/core/store';
import { clusterSlot } from './cluster-slot.js';
import type { CommandRunner } from './command-runner.js';
import type { KeyLayout } from './keys.js';
import { dataNodes, isCluster, type RedisClient } from './redis-client.js';

const SCAN_COUNT = 1000;
/** Keys per MGET, and flags fetched before the next ones are yielded. */
export const FETCH_BATCH = 100;

/**
 * Every flag name under the base key, each once, in code-point order: SCAN with an escaped MATCH
 * pattern on the client, or on every master of a cluster. Sorting gives `offset`/`limit` a
 * stable order to page through, whatever order SCAN happens to return.
 */
export async function scanNames(client: RedisClient, layout: KeyLayout, runner: CommandRunner): Promise<string[]> {
  if (isCluster(client) && client.status !== 'ready') {
    // The master list is known once the cluster client is ready; a keyless command waits for that.
    await runner.run('list', undefined, () => client.ping());
  }
  const names = new Set<string>();
  await Promise.all(
    dataNodes(client).map(async (node) => {
      let cursor = '0';
      do {
        const [next, keys] = await runner.run('list', undefined, () =>
          node.scan(cursor, 'MATCH', layout.scanPattern, 'COUNT', SCAN_COUNT),
        );
        cursor = next;
        for (const key of keys) {
          const name = layout.nameOf(key);
          if (name !== undefined) names.add(name);
        }
      } while (cursor !== '0');
    }),
  );
  return [...names].sort(compareCodePoints);
}

/**
 * The stored text at each key (null where it is absent), in the order given. One MGET on a
 * single server; on a cluster, one MGET per hash slot, since a command may touch one slot only.
 * Rejects with the driver's error (or a timeout): callers name the operation and the flags.
 */
export function fetchDocuments(client: RedisClient, runner: CommandRunner, keys: string[]): Promise<(string | null)[]> {
  return fetchBySlot(client, runner, keys, (group) => client.mget(group));
}

/** {@link fetchDocuments} as the stored bytes, for callers that must see them unchanged (the listing). */
export function fetchDocumentBytes(client: RedisClient, runner: CommandRunner, keys: string[]): Promise<(Buffer | null)[]> {
  return fetchBySlot(client, runner, keys, (group) => client.mgetBuffer(group));
}

async function fetchBySlot<T>(
  client: RedisClient,
  runner: CommandRunner,
  keys: string[],
  mget: (keys: string[]) => Promise<(T | null)[]>,
): Promise<(T | null)[]> {
  if (!isCluster(client)) return runner.execute(() => mget(keys));
  const bySlot = new Map<number, number[]>();
  keys.forEach((key, index) => {
    const slot = clusterSlot(key);
    const group = bySlot.get(slot);
    if (group === undefined) bySlot.set(slot, [index]);
    else group.push(index);
  });
  const values = new Array<T | null>(keys.length).fill(null);
  await Promise.all(
    [...bySlot.values()].map(async (indexes) => {
      const found = await runner.execute(() => mget(indexes.map((index) => keys[index]!)));
      indexes.forEach((index, i) => (values[index] = found[i] ?? null));
    }),
  );
  return values;
}
