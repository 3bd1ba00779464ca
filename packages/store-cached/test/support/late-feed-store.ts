import {
  MemoryFeatureFlagStore,
  type FeatureFlagMeta,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type ItemChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
} from '@flipper-client/core';

/**
 * A memory store whose change feed arrives late, in order, as a networked feed does (Redis
 * pub/sub): a write resolves before its change is reported, and reads are asynchronous too.
 * Each instance is one "connection" to the shared memory.
 */
export class LateFeedStore implements FeatureFlagStore {
  readonly storeName = 'late-feed';

  constructor(
    private readonly memory: MemoryFeatureFlagStore,
    private readonly delayMs = 3,
  ) {}

  watch(listener: StoreChangeListener): Unsubscribe {
    let active = true;
    const stop = this.memory.watch((change) => {
      setTimeout(() => active && listener(change), this.delayMs);
    });
    return () => {
      active = false;
      stop();
    };
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.memory.get(featureName);
  }

  create(featureName: string, options?: StoreCreateOptions): Promise<FeatureFlagStoreItem> {
    return this.memory.create(featureName, options);
  }

  set(featureName: string, isEnabled: boolean): Promise<void> {
    return this.memory.set(featureName, isEnabled);
  }

  delete(featureName: string): Promise<void> {
    return this.memory.delete(featureName);
  }

  list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    return this.memory.list(options);
  }

  setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    return this.memory.setMeta(featureName, meta);
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return this.memory.update(featureName, change);
  }
}
