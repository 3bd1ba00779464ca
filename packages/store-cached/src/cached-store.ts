import {
  FeatureFlagStoreItem,
  StoreError,
  SyncEvaluationUnavailableError,
  hasChangeFeed,
  hasCreateIfAbsent,
  hasHistory,
  hasReadiness,
  hasUsageCounts,
  hasWholeDocumentWrites,
  type Closable,
  type CreateIfAbsent,
  type FeatureFlagMeta,
  type FeatureFlagStore,
  type History,
  type ItemChange,
  type Readiness,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type SyncReadable,
  type Unsubscribe,
  type UsageCounts,
  type WriteContext,
} from '@flipper-client/core/store';
import { CacheState } from './cache-state.js';
import { resolveOptions, type CachedStoreOptions, type ResolvedCachedStoreOptions } from './options.js';

export const STORE_NAME = 'cached';

type Read = FeatureFlagStoreItem | undefined;

/**
 * A cache in front of any store. Before `preload()` it is an LRU of reads (flags and missing
 * names) with an optional TTL; when the inner store has a change feed, changes invalidate what
 * they touch. After `preload()` over a store with a change feed it is a complete local mirror,
 * kept current by the feed, that answers `get` and `getSync` without I/O.
 */
export class CachedFeatureFlagStore implements FeatureFlagStore, SyncReadable, Readiness, Closable {
  readonly storeName: string;
  readonly atomicUpdates: boolean;
  /** Present when the inner store has a change feed; listeners hear of a change once the cache holds it. */
  readonly watch?: (listener: StoreChangeListener) => Unsubscribe;
  /** Present when the inner store has `put` (`WholeDocumentWrites`): the inner put, then the cache shows the item. */
  readonly put?: (item: FeatureFlagStoreItem, context?: WriteContext) => Promise<void>;
  /** Present when the inner store has `createIfAbsent`: the inner one decides, then the cache shows the item. */
  readonly createIfAbsent?: CreateIfAbsent['createIfAbsent'];
  // Present when the inner store keeps history: read from it, never cached (history is management).
  readonly historyRetention?: History['historyRetention'];
  readonly history?: History['history'];
  readonly historyAcrossFlags?: History['historyAcrossFlags'];
  readonly historyEntry?: History['historyEntry'];
  readonly storedDocument?: History['storedDocument'];
  /** Present when the inner store keeps usage counts (`UsageCounts`): passed through, never cached. */
  readonly addUsage?: UsageCounts['addUsage'];
  readonly readUsage?: UsageCounts['readUsage'];

  private readonly inner: FeatureFlagStore;
  private readonly options: ResolvedCachedStoreOptions;
  private readonly state: CacheState;
  private unsubscribe: Unsubscribe | undefined;
  private preloading: Promise<void> | undefined;

  constructor(inner: FeatureFlagStore, options: CachedStoreOptions = {}) {
    this.inner = inner;
    this.options = resolveOptions(options);
    this.storeName = `${STORE_NAME}(${inner.storeName})`;
    this.atomicUpdates = inner.atomicUpdates ?? true;
    this.state = new CacheState(inner, this.storeName, this.options);
    if (hasChangeFeed(inner)) {
      this.unsubscribe = inner.watch((change) => this.state.changed(change));
      this.watch = (listener) => this.state.listeners.add(listener);
    }
    if (hasWholeDocumentWrites(inner)) {
      this.put = (item, context) => this.write(item.featureName, 'put', () => inner.put(item, context), () => item);
    }
    if (hasCreateIfAbsent(inner)) {
      this.createIfAbsent = (featureName, options, context) =>
        this.write(featureName, 'createIfAbsent', () => inner.createIfAbsent(featureName, options, context), (written) => written);
    }
    if (hasHistory(inner)) {
      this.historyRetention = inner.historyRetention;
      this.history = (featureName, options) => this.passThrough('history', featureName, () => inner.history(featureName, options));
      this.historyAcrossFlags = (options) => this.passThrough('historyAcrossFlags', undefined, () => inner.historyAcrossFlags(options));
      this.historyEntry = (featureName, id) => this.passThrough('historyEntry', featureName, () => inner.historyEntry(featureName, id));
      this.storedDocument = (featureName) => this.passThrough('storedDocument', featureName, () => inner.storedDocument(featureName));
    }
    if (hasUsageCounts(inner)) {
      this.addUsage = (report) => inner.addUsage(report);
      this.readUsage = (query) => inner.readUsage(query);
    }
  }

  /** True once `preload()` made a complete mirror over a change feed, until `close()`. */
  get syncReady(): boolean {
    return this.state.mirror.loaded;
  }

  /** Throws the decode error the mirror keeps for a corrupt document, as `get` rejects with it. */
  getSync(featureName: string): Read {
    if (!this.state.mirror.loaded) {
      const reason = this.unsubscribe === undefined ? 'the inner store has no change feed' : 'await preload() first';
      throw new SyncEvaluationUnavailableError(featureName, `the ${this.storeName} store is no complete mirror (${reason})`);
    }
    return this.state.mirror.read(featureName);
  }

  get(featureName: string): Promise<Read> {
    if (this.state.mirror.loaded) {
      try {
        return Promise.resolve(this.state.mirror.read(featureName));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.state.closed) return Promise.reject(this.closedError('get', featureName));
    const fresh = this.state.entries.fresh(featureName, performance.now());
    if (fresh !== undefined) return Promise.resolve(fresh.item);
    return this.state.readThrough(featureName);
  }

  create(featureName: string, options?: StoreCreateOptions, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.write(featureName, 'create', () => this.inner.create(featureName, options, context), (written) => written);
  }

  set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    return this.write(featureName, 'set', () => this.inner.set(featureName, isEnabled, context), (_, current) =>
      current === undefined ? new FeatureFlagStoreItem(featureName, isEnabled) : current.withEnabled(isEnabled),
    );
  }

  delete(featureName: string, context?: WriteContext): Promise<void> {
    return this.write(featureName, 'delete', () => this.inner.delete(featureName, context), () => undefined);
  }

  setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    return this.write(featureName, 'setMeta', () => this.inner.setMeta(featureName, meta, context), (_, current) => current?.withMeta(meta));
  }

  update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.write(featureName, 'update', () => this.inner.update(featureName, change, context), (written) => written);
  }

  /** Straight from the inner store, in its order: listing is management, not the hot path. */
  async *list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    if (this.state.closed) throw this.closedError('list');
    yield* this.inner.list(options);
  }

  /**
   * Loads every flag. Over a store with a change feed the cache becomes a complete mirror, of any
   * number of flags (`size` bounds the LRU, not the mirror), and `syncReady` turns true. Without
   * a feed the listing only warms the LRU. Rejects when the inner store fails; call it again.
   */
  preload(): Promise<void> {
    if (this.state.closed) return Promise.reject(this.closedError('preload'));
    if (this.syncReady) return Promise.resolve();
    return (this.preloading ??= this.loadEverything().finally(() => {
      this.preloading = undefined;
    }));
  }

  /** The same as `preload()`: what `Readiness` waits for is the complete local copy. */
  ready(): Promise<void> {
    return this.preload();
  }

  /** Unsubscribes from the inner store and drops what the cache holds; closes the inner store only with `closeInner`. */
  async close(): Promise<void> {
    if (this.state.closed) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.state.close();
    if (this.options.closeInner) await this.inner.close?.();
  }

  /** `provisional` is what the write made of the flag, shown if reading it back fails. */
  private async write<T>(featureName: string, operation: string, run: () => Promise<T>, provisional: (result: T, current: Read) => Read): Promise<T> {
    if (this.state.closed) throw this.closedError(operation, featureName);
    let result: T;
    try {
      result = await run();
    } catch (error) {
      this.state.writeFailed(featureName);
      throw error;
    }
    await this.state.written(featureName, (current) => provisional(result, current));
    return result;
  }

  private passThrough<T>(operation: string, featureName: string | undefined, run: () => Promise<T>): Promise<T> {
    return this.state.closed ? Promise.reject(this.closedError(operation, featureName)) : run();
  }

  private async loadEverything(): Promise<void> {
    if (hasReadiness(this.inner)) await this.inner.ready();
    await this.state.mirror.load('preload', (entries) => {
      if (this.state.closed) return;
      if (this.unsubscribe !== undefined) {
        this.state.mirror.install(entries);
        this.state.entries.clear();
        return;
      }
      // Nothing would keep a mirror current: warm the LRU instead (a corrupt document is read again when asked for).
      const now = performance.now();
      for (const [name, entry] of entries) if (!(entry instanceof Error)) this.state.entries.store(name, entry, now);
    });
  }

  private closedError(operation: string, featureName?: string): StoreError {
    return new StoreError(this.storeName, operation, 'the cache is closed', { featureName });
  }
}
