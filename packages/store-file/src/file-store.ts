import {
  ChangeListeners,
  compareCodePoints,
  decodeDocument,
  encodeDocument,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  FlagDoesNotExistError,
  FlagExistsError,
  InvalidDocumentError,
  contextOrDefault,
  type ChangeFeed,
  type Closable,
  type CreateIfAbsent,
  type FeatureFlagStore,
  type History,
  type WriteContext,
  type Readiness,
  type SyncReadable,
  type ItemChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
  type WholeDocumentWrites,
} from '@flipper-client/core/store';
import { DecodedItems } from './decoded-items.js';
import { fileFailure, fileStoreError } from './errors.js';
import { documentTextOf, memberTextOf, type FileEntries } from './file-format.js';
import { FileSnapshots } from './file-snapshot.js';
import { FileStoreEventListeners, type FileStoreEventName, type FileStoreEvents } from './file-store-events.js';
import { FileWatcher } from './file-watcher.js';
import { FileWriter } from './file-writer.js';
import { HistoryFile } from './history-file.js';
import { FileHistoryReads } from './history-reads.js';
import { resolveOptions, type FileStoreOptions, type ResolvedFileStoreOptions } from './options.js';

export const STORE_NAME = 'file';

/** The flags whose member text differs between two versions of the file. */
function changedNames(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names: string[] = [];
  for (const [name, text] of after) if (before.get(name) !== text) names.push(name);
  for (const name of before.keys()) if (!after.has(name)) names.push(name);
  return names;
}

/**
 * Flags in one JSON file (see the README's "The file"), for local development, tests, backups
 * and teams that keep their flags in the repository.
 *
 * Every read looks at the file (one `fstat`; the file is parsed again only when it changed), so
 * it always answers what the file holds, whoever wrote it. Writes replace the whole file
 * atomically under a lock file, so readers never see half a file and writers in other
 * processes take turns; `update` holds the lock from its read to its write. A file edited into
 * something invalid never breaks readers: they keep the last good copy, and the store reports
 * it (an `invalid` event and a log line). The change feed watches the file.
 */
export class FileFeatureFlagStore
  implements FeatureFlagStore, ChangeFeed, SyncReadable, Readiness, Closable, WholeDocumentWrites, CreateIfAbsent, Partial<History>
{
  readonly storeName = STORE_NAME;
  // The History capability, present unless the store was made with `history: false`.
  readonly historyRetention?: History['historyRetention'];
  readonly history?: History['history'];
  readonly historyAcrossFlags?: History['historyAcrossFlags'];
  readonly historyEntry?: History['historyEntry'];
  readonly storedDocument?: History['storedDocument'];
  private readonly options: ResolvedFileStoreOptions;
  private readonly snapshots: FileSnapshots;
  private readonly writer: FileWriter;
  private readonly watcher: FileWatcher;
  private readonly listeners = new ChangeListeners();
  private readonly events = new FileStoreEventListeners();
  private readonly decoded = new DecodedItems();
  /** The entries the change feed last reported, to tell what a new version of the file changed. */
  private known: FileEntries | undefined;
  private subscribers = 0;
  private closed = false;

  constructor(path: string, options: FileStoreOptions = {}) {
    this.options = resolveOptions(path, options);
    const { logger } = this.options;
    this.snapshots = new FileSnapshots(path, {
      invalid: (error) => {
        const failure = fileFailure(STORE_NAME, path, 'read', undefined, error);
        const serving = this.snapshots.lastGood === undefined ? 'no good copy was read yet' : 'the last good copy keeps serving';
        logger.warn(`${failure.message} (${serving})`);
        this.events.emit('invalid', failure);
      },
      recovered: () => {
        logger.info(`file store: ${path} is a flag file again`);
        this.events.emit('recovered');
      },
    });
    const retention = this.options.history;
    const historyFile = retention === undefined ? undefined : new HistoryFile(`${path}.history.jsonl`, retention);
    this.writer = new FileWriter(
      STORE_NAME,
      path,
      this.options.lockTimeoutMs,
      this.snapshots,
      (before, after) => this.report(before, after),
      historyFile,
    );
    if (historyFile !== undefined) {
      const reads = new FileHistoryReads(historyFile, () => this.read('history'));
      this.historyRetention = historyFile.retention;
      this.history = (featureName, options) => reads.flag(featureName, options).catch(this.failed('history', featureName));
      this.historyAcrossFlags = (options) => reads.acrossFlags(options).catch(this.failed('historyAcrossFlags'));
      this.historyEntry = (featureName, id) => reads.entry(featureName, id).catch(this.failed('historyEntry', featureName));
      this.storedDocument = async (featureName) => {
        const member = (await this.read('storedDocument', featureName)).get(featureName);
        return member === undefined ? null : documentTextOf(member);
      };
    }
    this.watcher = new FileWatcher(path, () => this.look(), (message) => logger.warn(message));
  }

  /** The file this store keeps its flags in. */
  get path(): string {
    return this.options.path;
  }

  async create(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const item = newItem(featureName, options);
    const text = encodeDocument(item);
    await this.writer.write('create', featureName, contextOrDefault(context, 'create'), (entries) => entries.set(featureName, text));
    return item;
  }

  /** Decided under the lock: of concurrent creates in any number of processes, one writes. */
  async createIfAbsent(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const item = newItem(featureName, options);
    const text = encodeDocument(item);
    await this.writer.write('createIfAbsent', featureName, contextOrDefault(context, 'create_if_absent'), (entries) => {
      if (entries.has(featureName)) throw new FlagExistsError(featureName);
      entries.set(featureName, text);
    });
    return item;
  }

  /** The whole document in one rewrite of the file, with nothing read of the flag before. */
  async put(item: FeatureFlagStoreItem, context?: WriteContext): Promise<void> {
    const text = encodeDocument(item);
    await this.writer.write('put', item.featureName, contextOrDefault(context, 'put'), (entries) => entries.set(item.featureName, text));
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return this.decoded.get(featureName, (await this.read('get', featureName)).get(featureName));
  }

  /**
   * True once the file was read and while the watch is up (`watch: true`): the copy `getSync`
   * answers from is then the file as of the watch's last look, which follows an edit within a
   * second (tens of milliseconds, see the README's Speed). The client's `isEnabled` and
   * `isEnabledSync` then answer from memory, without a look at the file per call.
   */
  get syncReady(): boolean {
    return this.options.watch && !this.closed && this.watcher.watching && this.snapshots.lastGood !== undefined;
  }

  /** The flag in the copy the watch keeps (see `syncReady`); only while `syncReady`. */
  getSync(featureName: string): FeatureFlagStoreItem | undefined {
    return this.decoded.get(featureName, this.snapshots.lastGood?.get(featureName));
  }

  /** Reads the file once (and starts the watch): after it, `syncReady` is true. */
  async ready(): Promise<void> {
    await this.read('ready');
  }

  async set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    await this.writer.write('set', featureName, contextOrDefault(context, 'set'), (entries) => {
      const text = entries.get(featureName);
      const current = text === undefined ? new FeatureFlagStoreItem(featureName, isEnabled) : decodeDocument(featureName, documentTextOf(text));
      entries.set(featureName, encodeDocument(current.withEnabled(isEnabled)));
    });
  }

  async delete(featureName: string, context?: WriteContext): Promise<void> {
    await this.writer.write('delete', featureName, contextOrDefault(context, 'delete'), (entries) => entries.delete(featureName));
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    await this.update(featureName, (item) => item.withMeta(meta), contextOrDefault(context, 'set_meta'));
  }

  update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.writer.write('update', featureName, contextOrDefault(context, 'update'), (entries) => {
      const text = entries.get(featureName);
      if (text === undefined) throw new FlagDoesNotExistError(featureName);
      const next = change(decodeDocument(featureName, documentTextOf(text)));
      entries.set(featureName, encodeDocument(next));
      return next;
    });
  }

  /** Flags in name order (code points); a document that does not decode goes to `onInvalid` and keeps its place in the paging. */
  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const entries = await this.read('list');
    const names = [...entries.keys()].sort(compareCodePoints);
    const offset = options.offset ?? 0;
    const end = options.limit === undefined ? names.length : offset + options.limit;
    for (const name of names.slice(offset, end)) {
      try {
        yield this.decoded.get(name, entries.get(name))!;
      } catch (error) {
        if (!(error instanceof InvalidDocumentError)) throw error;
        options.onInvalid?.(error);
      }
    }
  }

  /**
   * Writes raw text as a flag's document, bypassing the codec (tests, and documents written by
   * others). It stands for an edit by hand and leaves no history entry: the history shows it as
   * a change made outside flipper.
   */
  async writeRaw(featureName: string, text: string): Promise<void> {
    await this.writer.write('write', featureName, undefined, (entries) => entries.set(featureName, memberTextOf(text)));
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    const unsubscribe = this.listeners.add(listener);
    this.subscribers++;
    this.known ??= this.snapshots.lastGood;
    this.startWatching();
    this.watcher.hold(true);
    if (this.known === undefined) void this.look().catch(() => undefined);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      unsubscribe();
      if (--this.subscribers === 0) this.watcher.hold(false);
    };
  }

  /** Subscribes to what the store reports about its file (see {@link FileStoreEvents}). */
  on<E extends FileStoreEventName>(event: E, listener: FileStoreEvents[E]): Unsubscribe {
    return this.events.add(event, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher.stop();
    this.known = undefined;
  }

  private async read(operation: string, featureName?: string): Promise<FileEntries> {
    if (this.options.watch) this.startWatching();
    try {
      return (await this.snapshots.load()).entries;
    } catch (error) {
      throw fileStoreError(STORE_NAME, this.path, operation, featureName, error);
    }
  }

  private failed(operation: string, featureName?: string): (error: unknown) => never {
    return (error) => {
      throw fileStoreError(STORE_NAME, this.path, operation, featureName, error);
    };
  }

  private startWatching(): void {
    if (this.watcher.started || this.closed) return;
    this.watcher.start();
  }

  /** The watcher saw the file change: read it (which reports a bad version) and tell the feed. */
  private async look(): Promise<void> {
    const before = this.known ?? this.snapshots.lastGood;
    const { entries } = await this.snapshots.load();
    if (entries !== this.known) this.report(before ?? entries, entries);
  }

  private report(before: FileEntries, after: FileEntries): void {
    if (this.subscribers === 0) {
      this.known = undefined;
      return;
    }
    const names = changedNames(this.known ?? before, after);
    this.known = after;
    for (const name of names) this.listeners.notify({ kind: 'flag', featureName: name });
  }
}

function newItem(featureName: string, options: StoreCreateOptions): FeatureFlagStoreItem {
  return new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, new FeatureFlagMeta({ clientData: options.clientData ?? {} }));
}
