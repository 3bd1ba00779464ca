import { FeatureFlagStoreItem, FeatureFlagMeta, type FeatureFlagStore } from '@flipper-client/core/store';
import type { Redis } from 'ioredis';

/** How many times the nodes ran EVALSHA (the write script), from `INFO commandstats`. */
export async function scriptCalls(nodes: readonly Redis[]): Promise<number> {
  let total = 0;
  for (const node of nodes) {
    const stats = await node.info('commandstats');
    const match = /cmdstat_evalsha:calls=(\d+)/.exec(stats);
    total += match === null ? 0 : Number(match[1]);
  }
  return total;
}

/** The flag `F` as one writer puts it: its name in the client data, so the stored document says who won. */
export function writtenBy(writer: string, isEnabled: boolean): FeatureFlagStoreItem {
  return new FeatureFlagStoreItem('F', isEnabled, new FeatureFlagMeta({ clientData: { writer } }));
}

/** Which writer's document the store holds for `F`. */
export async function storedWriter(store: FeatureFlagStore): Promise<unknown> {
  return (await store.get('F'))?.meta.clientData['writer'];
}
