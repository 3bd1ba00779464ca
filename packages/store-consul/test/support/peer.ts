import type { FeatureFlagStore } from '@flipper-client/core/store';
import type { ConsulFeatureFlagStore } from '../../src/index.js';

const WRITES = new Set(['create', 'createIfAbsent', 'set', 'delete', 'setMeta', 'update', 'put']);

/**
 * A second process's store. The suite reads the first store right after a peer's writes, which
 * assumes reads go to the backend; ours come from a watched copy that catches up a moment later.
 * So each peer write ends with the first store's `refresh()` — the peers themselves are separate
 * stores on separate clients, and their writes race for real.
 */
export function peerOf(peer: ConsulFeatureFlagStore, first: ConsulFeatureFlagStore): FeatureFlagStore {
  return new Proxy(peer, {
    get(store, property, receiver) {
      const value: unknown = Reflect.get(store, property, receiver);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !WRITES.has(property)) return value.bind(store);
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(store, args);
        await first.refresh();
        return result;
      };
    },
  });
}
