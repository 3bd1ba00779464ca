import { MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';

/** The memory store without its change feed (and sync reads): a store that can only be polled, like S3's. */
export function storeWithoutFeed(inner: MemoryFeatureFlagStore = new MemoryFeatureFlagStore()): FeatureFlagStore {
  return {
    storeName: 'polled',
    create: (name, options) => inner.create(name, options),
    get: (name) => inner.get(name),
    set: (name, enabled) => inner.set(name, enabled),
    delete: (name) => inner.delete(name),
    list: (options) => inner.list(options),
    setMeta: (name, meta) => inner.setMeta(name, meta),
    update: (name, change) => inner.update(name, change),
  };
}
