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
  type WholeDocumentWrites,
} from '@flipper-client/core/store';

/**
 * A backend as a store sees one: the text of each flag with a version that moves on every
 * write, conditional writes, and a feed of the flags written (as Redis publishes them).
 */
export class TextDocuments {
  readonly changes = new ChangeListeners();
  private readonly documents = new Map<string, { text: string; version: number }>();
  private versions = 0;

  read(key: string): { text: string; version: number } | undefined {
    return this.documents.get(key);
  }

  keys(): string[] {
    return [...this.documents.keys()];
  }

  put(key: string, text: string): void {
    this.documents.set(key, { text, version: ++this.versions });
    this.changes.notify({ kind: 'flag', featureName: key });
  }

  putIfVersion(key: string, text: string, version: number): boolean {
    if (this.documents.get(key)?.version !== version) return false;
    this.put(key, text);
    return true;
  }

  putIfAbsent(key: string, text: string): boolean {
    if (this.documents.has(key)) return false;
    this.put(key, text);
    return true;
  }

  delete(key: string): void {
    if (this.documents.delete(key)) this.changes.notify({ kind: 'flag', featureName: key });
  }
}

/**
 * A store written as a backend store is, over `TextDocuments`: every document encoded and
 * decoded, `set` and `update` compare-and-set. Several stores over one `TextDocuments` are
 * several connections to one backend. The core README's "Writing a store" quotes it.
 */
export class TextDocumentStore implements FeatureFlagStore, ChangeFeed, WholeDocumentWrites {
  readonly storeName = 'text';

  constructor(private readonly backend: TextDocuments) {}

  async create(featureName: string, options: StoreCreateOptions = {}): Promise<FeatureFlagStoreItem> {
    const meta = new FeatureFlagMeta({ clientData: options.clientData ?? {} });
    const item = new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, meta);
    this.backend.put(featureName, encodeDocument(item));
    return item;
  }

  /** One unconditional write of the whole document: nothing is read first. */
  async put(item: FeatureFlagStoreItem): Promise<void> {
    this.backend.put(item.featureName, encodeDocument(item));
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    const found = this.backend.read(featureName);
    return found && decodeDocument(featureName, found.text);
  }

  async set(featureName: string, isEnabled: boolean): Promise<void> {
    await setOrCreate({
      ...this.access(featureName),
      isEnabled,
      create: async (item) => this.backend.putIfAbsent(featureName, encodeDocument(item)),
    });
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return updateWithCompareAndSet({ ...this.access(featureName), change });
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    await this.update(featureName, (item) => item.withMeta(meta));
  }

  async delete(featureName: string): Promise<void> {
    this.backend.delete(featureName);
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const names = this.backend.keys().sort(compareCodePoints);
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

  watch(listener: StoreChangeListener): Unsubscribe {
    return this.backend.changes.add(listener);
  }

  /** The read with its version, and the write only if the version is still the one read. */
  private access(featureName: string): ConditionalAccess<number> {
    return {
      storeName: this.storeName,
      featureName,
      read: async () => {
        const found = this.backend.read(featureName);
        return found && { item: decodeDocument(featureName, found.text), version: found.version };
      },
      write: async (next, version) => this.backend.putIfVersion(featureName, encodeDocument(next), version),
    };
  }
}
