import {
  ChangeListeners,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  compareCodePoints,
  decodeDocument,
  encodeDocument,
  setOrCreate,
  updateWithCompareAndSet,
  type ChangeFeed,
  type ConditionalAccess,
  type FeatureFlagStore,
  type FlipperError,
  type ItemChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
} from '@flipper-client/core/store';

/**
 * The stored text of each flag and a version that moves on every write, as a backend keeps
 * them, and a feed of the flags written (as Redis publishes them).
 */
export class TextDocuments {
  readonly documents = new Map<string, { text: string; version: number }>();
  readonly changes = new ChangeListeners();
  private versions = 0;

  write(featureName: string, text: string): void {
    this.documents.set(featureName, { text, version: ++this.versions });
    this.changes.notify({ kind: 'flag', featureName });
  }

  delete(featureName: string): void {
    if (this.documents.delete(featureName)) this.changes.notify({ kind: 'flag', featureName });
  }
}

/**
 * A store written as a backend store is, over documents kept as text: it encodes and decodes
 * every document and makes `set` and `update` compare-and-set. Several stores over one
 * `TextDocuments` are several connections to one backend.
 */
export class TextDocumentStore implements FeatureFlagStore, ChangeFeed {
  readonly storeName = 'text';

  constructor(readonly backend: TextDocuments) {}

  async create(featureName: string, options: StoreCreateOptions = {}): Promise<FeatureFlagStoreItem> {
    const meta = new FeatureFlagMeta({ clientData: options.clientData ?? {} });
    const item = new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, meta);
    this.put(item);
    return item;
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    const stored = this.backend.documents.get(featureName);
    return stored === undefined ? undefined : decodeDocument(featureName, stored.text);
  }

  async set(featureName: string, isEnabled: boolean): Promise<void> {
    await setOrCreate({
      ...this.access(featureName),
      isEnabled,
      create: async (item) => !this.backend.documents.has(featureName) && (this.put(item), true),
    });
  }

  async delete(featureName: string): Promise<void> {
    this.backend.delete(featureName);
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const names = [...this.backend.documents.keys()].sort(compareCodePoints);
    const offset = options.offset ?? 0;
    for (const name of names.slice(offset, options.limit === undefined ? undefined : offset + options.limit)) {
      try {
        const item = await this.get(name);
        if (item !== undefined) yield item;
      } catch (error) {
        options.onInvalid?.(error as FlipperError);
      }
    }
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    await this.update(featureName, (item) => item.withMeta(meta));
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return updateWithCompareAndSet({ ...this.access(featureName), change });
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    return this.backend.changes.add(listener);
  }

  private access(featureName: string): ConditionalAccess<number> {
    return {
      storeName: this.storeName,
      featureName,
      read: async () => {
        const stored = this.backend.documents.get(featureName);
        return stored === undefined ? undefined : { item: decodeDocument(featureName, stored.text), version: stored.version };
      },
      write: async (next, expected) => this.backend.documents.get(featureName)?.version === expected && (this.put(next), true),
    };
  }

  private put(item: FeatureFlagStoreItem): void {
    this.backend.write(item.featureName, encodeDocument(item));
  }
}
