import { MemoryFeatureFlagStore, StoreError } from '../../src/index.js';
import type { FeatureFlagStore, FeatureFlagStoreItem } from '../../src/store-entry.js';

/** A memory store whose reads can be made to fail or to answer from a given item. */
export class FailingStore extends MemoryFeatureFlagStore implements FeatureFlagStore {
  override readonly storeName = 'memory';
  failure: unknown = undefined;

  override get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return super.get(featureName);
  }
}

/** A store without a local copy, so the client takes its asynchronous path. */
export function withoutLocalCopy(store: FeatureFlagStore): FeatureFlagStore {
  return {
    storeName: 'remote',
    create: (name, options) => store.create(name, options),
    get: (name) => store.get(name),
    set: (name, enabled) => store.set(name, enabled),
    delete: (name) => store.delete(name),
    list: (options) => store.list(options),
    setMeta: (name, meta) => store.setMeta(name, meta),
    update: (name, change) => store.update(name, change),
  };
}

export function storeDown(): StoreError {
  return new StoreError('memory', 'get', 'connection refused', { featureName: 'F' });
}
