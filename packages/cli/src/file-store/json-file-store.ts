import { randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { compareCodePoints } from '@flipper-client/core/store';
import {
  ChangeListeners,
  decodeDocument,
  encodeDocument,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  FlagDoesNotExistError,
  FlipperError,
  InvalidDocumentError,
  StoreError,
  type ChangeFeed,
  type Closable,
  type FeatureFlagStore,
  type ItemChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
  type WholeDocumentWrites,
} from '@flipper-client/core/store';
import { FileFeed } from './file-feed.js';
import { documentTextOf, FileFormatError, memberTextOf, parseFileEntries, serializeFileEntries, type FileEntries } from './file-format.js';
import { withFileLock } from './file-lock.js';

const STORE_NAME = 'file';

/** What tells one version of the file from another without reading it (nanosecond times). */
function fileVersionKey(info: BigIntStats): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

export interface JsonFileStoreOptions {
  /** How long a write waits for another process's lock on the file; default 5000 ms. */
  lockTimeoutMs?: number;
}

interface PendingWrite {
  readonly operation: string;
  readonly featureName: string;
  /** Applies the write to the entries, or throws (and changes nothing). */
  apply(entries: FileEntries): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Snapshot {
  readonly key: string;
  readonly entries: FileEntries;
}

/**
 * Flags in one JSON file (see `file-format.ts`), for tests, backups and small setups.
 *
 * Writes replace the whole file atomically (a temporary file renamed over it) under a lock file,
 * so readers never see half a file and writers in other processes take turns; `update` holds the
 * lock from its read to its write, so it is atomic across processes. Writes made at the same
 * time in one process share one rewrite of the file. Reads take no lock. The change feed watches
 * the file and reports the flags whose documents changed, by this process or another one.
 */
export class JsonFileFeatureFlagStore implements FeatureFlagStore, ChangeFeed, Closable, WholeDocumentWrites {
  readonly storeName = STORE_NAME;
  private readonly lockPath: string;
  private readonly lockTimeoutMs: number;
  private cached: Snapshot | undefined;
  private pending: PendingWrite[] = [];
  private flushing = false;
  private readonly listeners = new ChangeListeners();
  private readonly feed: FileFeed;

  constructor(
    readonly path: string,
    options: JsonFileStoreOptions = {},
  ) {
    this.lockPath = `${path}.lock`;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5000;
    this.feed = new FileFeed(path, () => this.readEntries('watch'), (name) => this.listeners.notify({ kind: 'flag', featureName: name }));
  }

  async create(featureName: string, options: StoreCreateOptions = {}): Promise<FeatureFlagStoreItem> {
    const item = new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, new FeatureFlagMeta({ clientData: options.clientData ?? {} }));
    const text = encodeDocument(item);
    await this.write('create', featureName, (entries) => entries.set(featureName, text));
    return item;
  }

  /** The whole document in one rewrite of the file, with nothing read of the flag before. */
  async put(item: FeatureFlagStoreItem): Promise<void> {
    const text = encodeDocument(item);
    await this.write('put', item.featureName, (entries) => entries.set(item.featureName, text));
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    const text = (await this.readEntries('get', featureName)).get(featureName);
    return text === undefined ? undefined : decodeDocument(featureName, documentTextOf(text));
  }

  async set(featureName: string, isEnabled: boolean): Promise<void> {
    await this.write('set', featureName, (entries) => {
      const text = entries.get(featureName);
      const current = text === undefined ? new FeatureFlagStoreItem(featureName, isEnabled) : decodeDocument(featureName, documentTextOf(text));
      entries.set(featureName, encodeDocument(current.withEnabled(isEnabled)));
    });
  }

  async delete(featureName: string): Promise<void> {
    await this.write('delete', featureName, (entries) => entries.delete(featureName));
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    await this.update(featureName, (item) => item.withMeta(meta));
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return this.write('update', featureName, (entries) => {
      const text = entries.get(featureName);
      if (text === undefined) throw new FlagDoesNotExistError(featureName);
      const next = change(decodeDocument(featureName, documentTextOf(text)));
      entries.set(featureName, encodeDocument(next));
      return next;
    });
  }

  /** Flags in name order (code points); a document that does not decode goes to `onInvalid` and keeps its place in the paging. */
  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const entries = await this.readEntries('list');
    const names = [...entries.keys()].sort(compareCodePoints);
    const offset = options.offset ?? 0;
    const end = options.limit === undefined ? names.length : offset + options.limit;
    for (const name of names.slice(offset, end)) {
      try {
        yield decodeDocument(name, documentTextOf(entries.get(name)!));
      } catch (error) {
        if (!(error instanceof InvalidDocumentError)) throw error;
        options.onInvalid?.(error);
      }
    }
  }

  /** Writes raw text as a flag's document, bypassing the codec (tests, and documents written by others). */
  async writeRaw(featureName: string, text: string): Promise<void> {
    await this.write('write', featureName, (entries) => entries.set(featureName, memberTextOf(text)));
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    const unsubscribe = this.listeners.add(listener);
    this.feed.start(this.cached?.entries);
    return unsubscribe;
  }

  async close(): Promise<void> {
    this.feed.stop();
  }

  /**
   * The file's entries; `fresh` skips the parsed copy kept from the last read, as a locked
   * read-change-write must (a replaced file can get the freed inode number of the one before).
   */
  private async readEntries(operation: string, featureName?: string, fresh = false): Promise<FileEntries> {
    try {
      let key: string;
      try {
        key = fileVersionKey(await stat(this.path, { bigint: true }));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
        throw error;
      }
      if (!fresh && this.cached?.key === key) return this.cached.entries;
      const entries = parseFileEntries(await readFile(this.path, 'utf8'));
      this.cached = { key, entries };
      return entries;
    } catch (error) {
      throw this.failure(operation, featureName, error);
    }
  }

  private failure(operation: string, featureName: string | undefined, error: unknown): FlipperError {
    if (error instanceof FlipperError) return error;
    const why = error instanceof FileFormatError ? `${this.path} is not a flag file: ${error.message}` : `${this.path}: ${(error as Error).message}`;
    return new StoreError(STORE_NAME, operation, why, { featureName, cause: error });
  }

  private write<T>(operation: string, featureName: string, apply: (entries: FileEntries) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ operation, featureName, apply, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Applies every write waiting, in order, in one locked read-change-replace of the file. */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        const outcomes = new Map<PendingWrite, { ok: true; value: unknown } | { ok: false; error: unknown }>();
        let before: FileEntries = new Map();
        let after: FileEntries = new Map();
        try {
          await withFileLock(this.lockPath, this.lockTimeoutMs, async () => {
            before = await this.readEntries(batch[0]!.operation, batch[0]!.featureName, true);
            after = new Map(before);
            let changed = false;
            for (const write of batch) {
              // Each write either throws before it touches the entries or changes them once, at its end.
              try {
                outcomes.set(write, { ok: true, value: write.apply(after) });
                changed = true;
              } catch (error) {
                outcomes.set(write, { ok: false, error });
              }
            }
            if (changed) await this.replaceFile(after);
          });
        } catch (error) {
          for (const write of batch) write.reject(this.failure(write.operation, write.featureName, error));
          continue;
        }
        this.feed.reportOwnWrite(before, after);
        for (const write of batch) {
          const outcome = outcomes.get(write)!;
          if (outcome.ok) write.resolve(outcome.value);
          else write.reject(outcome.error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async replaceFile(entries: FileEntries): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, serializeFileEntries(entries));
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    this.cached = { key: fileVersionKey(await stat(this.path, { bigint: true })), entries };
  }
}
