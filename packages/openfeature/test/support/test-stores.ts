import { InvalidDocumentError, MemoryFeatureFlagStore, StoreError } from '@flipper-client/core';
import type {
  FeatureFlagMeta,
  FeatureFlagStore,
  FeatureFlagStoreItem,
  ItemChange,
  StoreChangeListener,
  StoreCreateOptions,
  StoreListOptions,
  Unsubscribe,
} from '@flipper-client/core/store';

/**
 * A memory store behind a wrapper the tests can steer: documents that read as corrupt, reads
 * that fail like a broken backend, a change feed whose subscribers can be counted and that can
 * announce `{ kind: 'all' }`.
 */
export class SteerableStore implements FeatureFlagStore {
  readonly storeName = 'steerable';
  readonly inner = new MemoryFeatureFlagStore();
  private readonly corrupt = new Set<string>();
  private readonly failing = new Set<string>();
  private readonly listeners = new Set<StoreChangeListener>();

  /** `get` of this flag rejects as a store does for a document it cannot decode. */
  corruptDocument(featureName: string): void {
    this.corrupt.add(featureName);
  }

  /** `get` of this flag rejects as a store does when its backend is down. */
  failReads(featureName: string): void {
    this.failing.add(featureName);
  }

  /** Announces that changes may have been missed, as a store does after a reconnect. */
  announceAll(): void {
    for (const listener of this.listeners) listener({ kind: 'all' });
  }

  get watchers(): number {
    return this.listeners.size;
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    if (this.corrupt.has(featureName)) {
      return Promise.reject(new InvalidDocumentError(featureName, 'meta.bucketer.type', 'unknown bucketer type "Coin"'));
    }
    if (this.failing.has(featureName)) {
      return Promise.reject(new StoreError(this.storeName, 'get', 'connection refused', { featureName }));
    }
    return this.inner.get(featureName);
  }

  create(featureName: string, options?: StoreCreateOptions): Promise<FeatureFlagStoreItem> {
    return this.inner.create(featureName, options);
  }

  set(featureName: string, isEnabled: boolean): Promise<void> {
    return this.inner.set(featureName, isEnabled);
  }

  delete(featureName: string): Promise<void> {
    return this.inner.delete(featureName);
  }

  list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    return this.inner.list(options);
  }

  setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    return this.inner.setMeta(featureName, meta);
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return this.inner.update(featureName, change);
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    this.listeners.add(listener);
    const stop = this.inner.watch(listener);
    return () => {
      this.listeners.delete(listener);
      stop();
    };
  }
}

/** A steerable store with a first load that the test finishes (or fails) when it wants. */
export class SlowStartStore extends SteerableStore {
  private settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private readonly loaded = new Promise<void>((resolve, reject) => {
    this.settle = { resolve, reject };
  });
  readyCalls = 0;

  ready(): Promise<void> {
    this.readyCalls++;
    return this.loaded;
  }

  finishLoading(): void {
    this.settle?.resolve();
  }

  failLoading(error: Error): void {
    this.settle?.reject(error);
  }
}
