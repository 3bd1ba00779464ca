import {
  ChangeListeners,
  assertWritableSize,
  decodeDocumentWithin,
  encodeDocument,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  FlagExistsError,
  FlipperError,
  contextOrDefault,
  setOrCreate,
  updateWithCompareAndSet,
  type ChangeFeed,
  type Closable,
  type ConditionalAccess,
  type CreateIfAbsent,
  type FeatureFlagStore,
  type History,
  type WriteContext,
  type ItemChange,
  type Readiness,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type SyncReadable,
  type Unsubscribe,
  type WholeDocumentWrites,
} from '@flipper-client/core/store';
import type Consul from 'consul';
import { ConsulKv } from './consul-kv.js';
import { requestFailure, type RequestKind } from './write-failure.js';
import { FlagKeys } from './flag-keys.js';
import { HistoryKeys } from './history-keys.js';
import { HistoryOperations } from './history-operations.js';
import { HistoryReads } from './history-reads.js';
import { HistoryWriter } from './history-writer.js';
import { entriesOfCopy, entriesOfPairs, pageOf } from './listing.js';
import { LocalCopy } from './local-copy.js';
import { resolveOptions, type ConsulStoreOptions, type ResolvedConsulStoreOptions } from './options.js';
import { WatchLoop, type WatchStatus } from './watch-loop.js';

export const STORE_NAME = 'consul';

/**
 * Flags in Consul KV at `<baseKey>/<name>`, one SPEC §5 document each (the Python store's keys
 * and documents), read from a local copy that a background watch keeps current.
 *
 * - Before the first full sync (`ready()`), reads go to Consul; after it, `get`, `list` and
 *   `getSync` answer from the copy, which shows this process's own writes at once.
 * - The watch is a blocking query on the prefix: an idle store costs one long poll per
 *   `waitTimeMs`; a change reaches the copy and the change feed as soon as Consul answers.
 * - `update` (and so `set` and `setMeta`) is a check-and-set on `ModifyIndex`, retried on
 *   conflict: no concurrent update is lost. `create` and `put` are one plain PUT each.
 * - The watch never throws: failures are retried with jittered back-off and reported to
 *   `onError`; the copy keeps answering for `maxStalenessMs` (default: until Consul is back).
 * - `close()` stops the watch. The `consul` client stays the application's to close.
 */
export class ConsulFeatureFlagStore
  implements FeatureFlagStore, ChangeFeed, SyncReadable, Readiness, Closable, WholeDocumentWrites, CreateIfAbsent, Partial<History>
{
  readonly storeName = STORE_NAME;
  // The History and CreateIfAbsent capabilities, present unless the store was made with `history: false`.
  readonly historyRetention?: History['historyRetention'];
  readonly history?: History['history'];
  readonly historyAcrossFlags?: History['historyAcrossFlags'];
  readonly historyEntry?: History['historyEntry'];
  readonly storedDocument?: History['storedDocument'];
  private readonly historyOperations: HistoryOperations | undefined;
  private readonly options: ResolvedConsulStoreOptions;
  private readonly keys: FlagKeys;
  private readonly kv: ConsulKv;
  private readonly copy: LocalCopy;
  private readonly listeners = new ChangeListeners();
  private readonly watcher: WatchLoop;

  constructor(consul: Consul, options: ConsulStoreOptions = {}) {
    this.options = resolveOptions(options);
    this.keys = new FlagKeys(this.options.baseKey);
    this.copy = new LocalCopy(this.options.maxDocumentBytes);
    this.kv = new ConsulKv(consul, this.options);
    this.watcher = new WatchLoop(STORE_NAME, this.kv, this.keys, this.copy, this.listeners, this.options);
    this.watcher.start();
    const retention = this.options.history;
    if (retention !== undefined) {
      const historyKeys = new HistoryKeys(this.options.baseKey);
      // Its reads and its transaction fail as writes: a timeout leaves the outcome unknown.
      const writer = new HistoryWriter(this.kv, this.keys, historyKeys, retention, STORE_NAME, (operation, featureName, call) => this.request(operation, featureName, call, 'write'));
      const operations = new HistoryOperations(writer, this.options.maxDocumentBytes);
      const reads = new HistoryReads(this.kv, historyKeys, retention);
      this.historyOperations = operations;
      this.historyRetention = retention;
      this.history = (featureName, options) => this.request('history', featureName, () => reads.flag(featureName, options));
      this.historyAcrossFlags = (options) => this.request('historyAcrossFlags', undefined, () => reads.acrossFlags(options));
      this.historyEntry = (featureName, id) => this.request('historyEntry', featureName, () => reads.entry(featureName, id));
      this.storedDocument = async (featureName) => {
        const { result } = await this.request('storedDocument', featureName, () => this.kv.get(this.keys.keyFor(featureName)));
        return result === undefined ? null : (result.Value ?? '');
      };
    }
  }

  /** True once the first sync is applied, while the store is open and the copy within `maxStalenessMs`. */
  get syncReady(): boolean {
    return this.watcher.current;
  }

  get watchStatus(): WatchStatus {
    return this.watcher.status;
  }

  /** Resolves after the first full sync; rejects if the store is closed first. */
  ready(): Promise<void> {
    return this.watcher.ready();
  }

  /**
   * Resolves once the copy holds everything written to Consul before this call (a read of the
   * prefix that starts after it, cutting short the current long poll); rejects if that read fails.
   */
  refresh(): Promise<void> {
    return this.watcher.refresh();
  }

  async close(): Promise<void> {
    await this.watcher.close();
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    return this.listeners.add(listener);
  }

  /**
   * The copy's answer; call only while `syncReady`. Answers exactly what `get` would: a stored
   * document that does not decode throws its `InvalidDocumentError` (also reported to `onError`
   * once, when the watch saw it), so the client reports it on its `error` events and answers the
   * caller's default. The copy's other flags are unaffected.
   */
  getSync(featureName: string): FeatureFlagStoreItem | undefined {
    const entry = this.copy.lookup(featureName);
    if (entry?.error !== undefined) throw entry.error;
    return entry?.item;
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    const key = this.keys.keyFor(featureName);
    if (this.watcher.current) {
      const entry = this.copy.lookup(featureName);
      if (entry?.error !== undefined) throw entry.error;
      return entry?.item;
    }
    const { result } = await this.request('get', featureName, () => this.kv.get(key));
    return result === undefined ? undefined : decodeDocumentWithin(featureName, result.Value ?? '', this.options.maxDocumentBytes);
  }

  async create(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const item = newItem(featureName, options);
    await this.writeWhole('create', item, contextOrDefault(context, 'create'));
    return item;
  }

  /** One `?cas=0` PUT (with history, the same `cas` inside the entry's transaction): of concurrent creates, one lands. */
  async createIfAbsent(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const item = newItem(featureName, options);
    const operations = this.historyOperations;
    const text =
      operations !== undefined
        ? await operations.createIfAbsent(item, contextOrDefault(context, 'create_if_absent'))
        : await this.request('createIfAbsent', featureName, async () => {
            const written = encodeDocument(item);
            if (!(await this.kv.put(this.keys.keyFor(featureName), written, 0))) throw new FlagExistsError(featureName);
            return written;
          });
    this.remember(item, text);
    return item;
  }

  /**
   * The whole document in one PUT without `?cas` (no read), shown by the local copy at once.
   * With history, one transaction over the flag's `ModifyIndex` instead (its entry needs `before`).
   */
  async put(item: FeatureFlagStoreItem, context?: WriteContext): Promise<void> {
    await this.writeWhole('put', item, contextOrDefault(context, 'put'));
  }

  /** Check-and-set on the flag's switch; creates a missing flag with `?cas=0` (only if still absent). */
  async set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    const operations = this.historyOperations;
    if (operations !== undefined) {
      const { item, text } = await operations.set(featureName, isEnabled, contextOrDefault(context, 'set'));
      this.remember(item, text);
      return;
    }
    const cas = this.checkAndSet('set', featureName);
    const item = await setOrCreate({ ...cas.access, isEnabled, create: (created) => cas.access.write(created, 0) });
    this.remember(item, cas.written());
  }

  async delete(featureName: string, context?: WriteContext): Promise<void> {
    const key = this.keys.keyFor(featureName);
    const operations = this.historyOperations;
    if (operations === undefined) await this.request('delete', featureName, () => this.kv.delete(key), 'write');
    else await operations.delete(featureName, contextOrDefault(context, 'delete'));
    if (this.copy.applyOwnDelete(featureName) || !this.watcher.current) {
      this.listeners.notify({ kind: 'flag', featureName });
    }
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    await this.changeItem('setMeta', featureName, (item) => item.withMeta(meta), contextOrDefault(context, 'set_meta'));
  }

  update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.changeItem('update', featureName, change, contextOrDefault(context, 'update'));
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    if (this.watcher.current) {
      yield* pageOf(entriesOfCopy(this.copy), options);
      return;
    }
    const { result } = await this.request('list', undefined, () => this.kv.list(this.keys.prefix));
    yield* pageOf(entriesOfPairs(result, this.keys, this.options.maxDocumentBytes), options);
  }

  private async writeWhole(operation: string, item: FeatureFlagStoreItem, context: WriteContext): Promise<void> {
    const key = this.keys.keyFor(item.featureName);
    const operations = this.historyOperations;
    const document = encodeDocument(item);
    assertWritableSize(item.featureName, document, this.options.maxDocumentBytes);
    if (operations === undefined) await this.request(operation, item.featureName, () => this.kv.put(key, document), 'write');
    this.remember(item, operations === undefined ? document : await operations.replace(operation, item, context));
  }

  private async changeItem(operation: string, featureName: string, change: ItemChange, context: WriteContext): Promise<FeatureFlagStoreItem> {
    const operations = this.historyOperations;
    if (operations !== undefined) {
      const { item, text } = await operations.update(operation, featureName, change, context);
      this.remember(item, text);
      return item;
    }
    const cas = this.checkAndSet(operation, featureName);
    const item = await updateWithCompareAndSet({ ...cas.access, change });
    this.remember(item, cas.written());
    return item;
  }

  /**
   * Reads with the flag's `ModifyIndex` and writes with `?cas=<index>` (`?cas=0`: only if
   * absent). `written()` is the text of the last write, for the local copy.
   */
  private checkAndSet(operation: string, featureName: string): { access: ConditionalAccess<number>; written: () => string } {
    const key = this.keys.keyFor(featureName);
    let written = '';
    const access: ConditionalAccess<number> = {
      storeName: STORE_NAME,
      featureName,
      read: async () => {
        const { result } = await this.request(operation, featureName, () => this.kv.get(key), 'read-before-write');
        if (result === undefined) return undefined;
        return { item: decodeDocumentWithin(featureName, result.Value ?? '', this.options.maxDocumentBytes), version: result.ModifyIndex };
      },
      write: async (next, version) => {
        written = encodeDocument(next);
        assertWritableSize(featureName, written, this.options.maxDocumentBytes);
        return this.request(operation, featureName, () => this.kv.put(key, written, version), 'write');
      },
    };
    return { access, written: () => written };
  }

  /** Applies an own write to the copy at once (read-your-writes) and tells the change feed. */
  private remember(item: FeatureFlagStoreItem, text: string): void {
    if (this.copy.applyOwnWrite(item, text)) this.listeners.notify({ kind: 'flag', featureName: item.featureName });
  }

  /**
   * Runs a Consul call, turning its failure into a StoreError naming the operation and flag. A
   * `write` that failed says whether it may have been applied (see `writeFailure`); a
   * `read-before-write` (the read a check-and-set compares against) failed with nothing written.
   */
  private async request<T>(
    operation: string,
    featureName: string | undefined,
    call: () => Promise<T>,
    kind: RequestKind = 'read',
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof FlipperError) throw error;
      throw requestFailure(STORE_NAME, operation, featureName, error, kind);
    }
  }
}

function newItem(featureName: string, options: StoreCreateOptions): FeatureFlagStoreItem {
  return new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, new FeatureFlagMeta({ clientData: options.clientData ?? {} }));
}
