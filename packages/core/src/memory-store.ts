import { ChangeListeners } from './change-listeners.js';
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
  UsageCounts,
  WholeDocumentWrites,
} from './store.js';
import type { FlagUsage, UsageQuery, UsageReport } from './usage.js';
import { UsageTally } from './usage-tally.js';

/**
 * Flags in a Map of this process: the embedded default, for development, tests and as the
 * complete local copy behind synchronous evaluation. Every operation is synchronous underneath,
 * so `update` is atomic; `list` yields flags in name order.
 */
export class MemoryFeatureFlagStore implements FeatureFlagStore, ChangeFeed, SyncReadable, WholeDocumentWrites, UsageCounts {
  readonly storeName = 'memory';
  readonly syncReady = true;
  private readonly items = new Map<string, FeatureFlagStoreItem>();
  private readonly listeners = new ChangeListeners();
  private readonly usage = new UsageTally();

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

  async addUsage(report: UsageReport): Promise<void> {
    this.usage.add(report);
  }

  async readUsage(query?: UsageQuery): Promise<FlagUsage[]> {
    return this.usage.read(query);
  }

  /** Number of flags held. */
  get size(): number {
    return this.items.size;
  }

  private storeAndNotify(item: FeatureFlagStoreItem): FeatureFlagStoreItem {
    this.items.set(item.featureName, item);
    this.listeners.notify({ kind: 'flag', featureName: item.featureName });
    return item;
  }
}
