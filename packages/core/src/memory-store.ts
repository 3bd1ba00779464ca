import { ChangeListeners } from './change-listeners.js';
import { encodeDocument } from './document.js';
import { assertWritableSize, resolveMaxDocumentBytes } from './document-size.js';
import { FlagDoesNotExistError, FlagExistsError } from './errors.js';
import {
  contextOrDefault,
  resolveHistoryRetention,
  type HistoryAction,
  type HistoryEntry,
  type HistoryReadOptions,
  type HistoryRetention,
  type ResolvedHistoryRetention,
  type WriteContext,
} from './history.js';
import { HistoryLog } from './history-log.js';
import { FeatureFlagMeta, FeatureFlagStoreItem } from './item.js';
import { compareCodePoints } from './python-compare.js';
import type {
  ChangeFeed,
  CreateIfAbsent,
  FeatureFlagStore,
  History,
  ItemChange,
  StoreChangeListener,
  StoreCreateOptions,
  StoreListOptions,
  SyncReadable,
  Unsubscribe,
  WholeDocumentWrites,
} from './store.js';
import type { UsageCounts } from './store-usage.js';
import type { FlagUsage, UsageQuery, UsageReport } from './usage.js';
import { UsageTally } from './usage-tally.js';

export interface MemoryStoreOptions {
  /** How much history to keep per flag; default 1,000 entries, no age limit. */
  history?: HistoryRetention;
  /** The clock of history entries, epoch milliseconds; default `Date.now`. For tests of age retention. */
  now?: () => number;
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
 * so `update` is atomic, and each change and its history entry happen in one synchronous step;
 * `list` yields flags in name order.
 */
export class MemoryFeatureFlagStore
  implements FeatureFlagStore, ChangeFeed, SyncReadable, WholeDocumentWrites, History, CreateIfAbsent, UsageCounts
{
  readonly storeName = 'memory';
  readonly syncReady = true;
  readonly historyRetention: ResolvedHistoryRetention;
  private readonly items = new Map<string, FeatureFlagStoreItem>();
  private readonly listeners = new ChangeListeners();
  private readonly log: HistoryLog;
  private readonly maxDocumentBytes: number;
  private readonly usage = new UsageTally();

  constructor(options: MemoryStoreOptions = {}) {
    this.historyRetention = resolveHistoryRetention('memory store', options.history);
    this.log = new HistoryLog(this.historyRetention, options.now ?? Date.now);
    this.maxDocumentBytes = resolveMaxDocumentBytes('memory store', options.maxDocumentBytes);
  }

  async create(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.store(newItem(featureName, options), contextOrDefault(context, 'create'));
  }

  async createIfAbsent(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    if (this.items.has(featureName)) throw new FlagExistsError(featureName);
    return this.store(newItem(featureName, options), contextOrDefault(context, 'create_if_absent'));
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return Promise.resolve(this.items.get(featureName));
  }

  getSync(featureName: string): FeatureFlagStoreItem | undefined {
    return this.items.get(featureName);
  }

  async set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    const current = this.items.get(featureName);
    const next = current === undefined ? new FeatureFlagStoreItem(featureName, isEnabled) : current.withEnabled(isEnabled);
    this.store(next, contextOrDefault(context, 'set'));
  }

  async put(item: FeatureFlagStoreItem, context?: WriteContext): Promise<void> {
    this.store(item, contextOrDefault(context, 'put'));
  }

  async delete(featureName: string, context?: WriteContext): Promise<void> {
    const current = this.items.get(featureName);
    if (current === undefined) return;
    this.items.delete(featureName);
    this.log.append(featureName, encodeDocument(current), null, contextOrDefault(context, 'delete'));
    this.listeners.notify({ kind: 'flag', featureName });
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

  async setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    this.change(featureName, (current) => current.withMeta(meta), contextOrDefault(context, 'set_meta'));
  }

  async update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.change(featureName, change, contextOrDefault(context, 'update'));
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

  async history(featureName: string, options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    return this.log.read(featureName, options);
  }

  async historyAcrossFlags(options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    return this.log.readAll(options);
  }

  async historyEntry(featureName: string, id: string): Promise<HistoryEntry | undefined> {
    return this.log.entry(featureName, id);
  }

  async storedDocument(featureName: string): Promise<string | null> {
    const item = this.items.get(featureName);
    return item === undefined ? null : encodeDocument(item);
  }

  /** Number of flags held. */
  get size(): number {
    return this.items.size;
  }

  private change(featureName: string, change: ItemChange, context: WriteContext): FeatureFlagStoreItem {
    if (!this.items.has(featureName)) throw new FlagDoesNotExistError(featureName);
    // `change` runs before anything is touched: a change that throws leaves no entry.
    return this.store(change(this.items.get(featureName)!), context);
  }

  /** The change and its entry in one synchronous step, then the change feed. */
  private store(item: FeatureFlagStoreItem, context: WriteContext & { action: HistoryAction }): FeatureFlagStoreItem {
    const current = this.items.get(item.featureName);
    const after = encodeDocument(item);
    assertWritableSize(item.featureName, after, this.maxDocumentBytes);
    this.items.set(item.featureName, item);
    this.log.append(item.featureName, current === undefined ? null : encodeDocument(current), after, context);
    this.listeners.notify({ kind: 'flag', featureName: item.featureName });
    return item;
  }
}

function newItem(featureName: string, options: StoreCreateOptions): FeatureFlagStoreItem {
  const meta = new FeatureFlagMeta({ clientData: options.clientData ?? {} });
  return new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, meta);
}
