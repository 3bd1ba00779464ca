import type { FlipperError } from '@flipper-client/core';
import type {
  FeatureFlagMeta,
  FeatureFlagStore,
  FeatureFlagStoreItem,
  ItemChange,
  StoreChangeListener,
  StoreCreateOptions,
  StoreListOptions,
  Unsubscribe,
  WholeDocumentWrites,
} from '@flipper-client/core/store';
import type { SharedFlags } from './shared-flags.js';

/**
 * One "connection" to `SharedFlags` whose change feed arrives late, in order, as a networked
 * feed does (Redis pub/sub): a write resolves before its change is reported, and reads are
 * asynchronous too. A document written raw that does not decode makes `get` reject with its
 * decode error and `list` report it, as a document store does.
 */
export class LateFeedStore implements FeatureFlagStore, WholeDocumentWrites {
  readonly storeName = 'late-feed';

  constructor(
    private readonly shared: SharedFlags,
    private readonly delayMs = 3,
  ) {}

  watch(listener: StoreChangeListener): Unsubscribe {
    let active = true;
    const stop = this.shared.watch((change) => {
      setTimeout(() => active && listener(change), this.delayMs);
    });
    return () => {
      active = false;
      stop();
    };
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    await new Promise((resolve) => setImmediate(resolve));
    return this.shared.read(featureName);
  }

  create(featureName: string, options?: StoreCreateOptions): Promise<FeatureFlagStoreItem> {
    this.shared.corrupt.delete(featureName);
    return this.shared.memory.create(featureName, options);
  }

  /** One write of the whole flag, over a corrupt document too. */
  async put(item: FeatureFlagStoreItem): Promise<void> {
    this.shared.corrupt.delete(item.featureName);
    await this.shared.memory.put(item);
  }

  /** Replaces a corrupt document, as the Python stores' `set` writes a whole new one. */
  async set(featureName: string, isEnabled: boolean): Promise<void> {
    if (this.shared.corrupt.delete(featureName)) await this.shared.memory.create(featureName, { isEnabled });
    else await this.shared.memory.set(featureName, isEnabled);
  }

  async delete(featureName: string): Promise<void> {
    if (this.shared.corrupt.delete(featureName)) this.shared.notify(featureName);
    await this.shared.memory.delete(featureName);
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const names = await this.shared.names();
    const offset = options.offset ?? 0;
    for (const name of names.slice(offset, options.limit === undefined ? undefined : offset + options.limit)) {
      let item: FeatureFlagStoreItem | undefined;
      try {
        item = this.shared.read(name);
      } catch (error) {
        options.onInvalid?.(error as FlipperError);
        continue;
      }
      if (item !== undefined) yield item;
    }
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    this.shared.read(featureName); // a corrupt document cannot be modified: its decode error
    await this.shared.memory.setMeta(featureName, meta);
  }

  async update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    this.shared.read(featureName);
    return this.shared.memory.update(featureName, change);
  }
}
