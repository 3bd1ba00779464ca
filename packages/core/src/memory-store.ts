import { ChangeListeners } from './change-listeners.js';
import { encodeDocument } from './document.js';
import { assertWritableSize, resolveMaxDocumentBytes } from './document-size.js';
import { FlagDoesNotExistError } from './errors.js';
import { FeatureFlagMeta, FeatureFlagStoreItem } from './item.js';
import { compareCodePoints } from './python-compare.js';
import type {
  ChangeFeed,
  FeatureFlagStore,
  ItemChange,
  StoreChangeListener,
  StoreCreateOptions,
  StoreListOptions,
  SyncReadable,
  Unsubscribe,
  WholeDocumentWrites,
} from './store.js';

export interface MemoryStoreOptions {
  /**
   * The largest flag document (as `encodeDocument` writes it) a write may store; default 1 MiB.
   * A write over it rejects with an `InvalidArgumentError` naming the flag, so that a copy of
   * these flags fits in any other store with the same limit.
   */
  maxDocumentBytes?: number;
}

/**
 * Flags in a Map of this process: the embedded default, for development, tests and as the
 * complete local copy behind synchronous evaluation. Every operation is synchronous underneath,
 * so `update` is atomic; `list` yields flags in name order.
 */
export class MemoryFeatureFlagStore implements FeatureFlagStore, ChangeFeed, SyncReadable, WholeDocumentWrites {
  readonly storeName = 'memory';
  readonly syncReady = true;
  private readonly items = new Map<string, FeatureFlagStoreItem>();
  private readonly listeners = new ChangeListeners();
  private readonly maxDocumentBytes: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.maxDocumentBytes = resolveMaxDocumentBytes('memory store', options.maxDocumentBytes);
  }

  async create(featureName: string, options: StoreCreateOptions = {}): Promise<FeatureFlagStoreItem> {
    const meta = new FeatureFlagMeta({ clientData: options.clientData ?? {} });
    return this.storeAndNotify(new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, meta));
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return Promise.resolve(this.items.get(featureName));
  }

  getSync(featureName: string): FeatureFlagStoreItem | undefined {
    return this.items.get(featureName);
  }

  async set(featureName: string, isEnabled: boolean): Promise<void> {
    const current = this.items.get(featureName);
    this.storeAndNotify(current === undefined ? new FeatureFlagStoreItem(featureName, isEnabled) : current.withEnabled(isEnabled));
  }

  async put(item: FeatureFlagStoreItem): Promise<void> {
    this.storeAndNotify(item);
  }

  async delete(featureName: string): Promise<void> {
    if (this.items.delete(featureName)) this.listeners.notify({ kind: 'flag', featureName });
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const names = [...this.items.keys()].sort(compareCodePoints);
    const offset = options.offset ?? 0;
    const end = options.limit === undefined ? names.length : offset + options.limit;
    for (const name of names.slice(offset, end)) {
      const item = this.items.get(name);
      if (item !== undefined) yield item;
    }
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    await this.update(featureName, (current) => current.withMeta(meta));
  }

  async update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    const current = this.items.get(featureName);
    if (current === undefined) throw new FlagDoesNotExistError(featureName);
    return this.storeAndNotify(change(current));
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    return this.listeners.add(listener);
  }

  /** Number of flags held. */
  get size(): number {
    return this.items.size;
  }

  private storeAndNotify(item: FeatureFlagStoreItem): FeatureFlagStoreItem {
    // Only a flag with client data or conditions can come near the limit: others skip encoding.
    if (item.meta.conditions.length > 0 || Object.keys(item.meta.clientData).length > 0) {
      assertWritableSize(item.featureName, encodeDocument(item), this.maxDocumentBytes);
    }
    this.items.set(item.featureName, item);
    this.listeners.notify({ kind: 'flag', featureName: item.featureName });
    return item;
  }
}
