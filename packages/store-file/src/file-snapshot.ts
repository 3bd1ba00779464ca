import type { BigIntStats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { FileFormatError, FileGoneError } from './errors.js';
import { parseFileEntries, type FileEntries } from './file-format.js';

/** What tells one version of the file from another without reading it (nanosecond times). */
function versionKey(info: BigIntStats): string {
  return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

const MISSING = 'missing';
/** The version key of a file that exists but cannot be opened (permissions, a folder). */
const UNREADABLE = 'unreadable';

/** One version of the file, parsed. */
export interface Snapshot {
  readonly key: string;
  readonly entries: FileEntries;
}

/** What a load found: the entries to use, and why the file itself could not be used, if so. */
export interface Loaded {
  readonly entries: FileEntries;
  /** The file is not a flag file (or not readable); `entries` are then the last good copy. */
  readonly invalid: Error | undefined;
}

export interface SnapshotEvents {
  /** A version of the file that cannot be used was seen for the first time. */
  invalid(error: Error): void;
  /** The file is usable again after `invalid`. */
  recovered(): void;
}

/**
 * The file's versions, parsed once each, and the last good one. A version that is not a flag
 * file (an edit that broke the JSON, a truncated write) is reported once and never replaces the
 * last good copy, so readers keep being served while a person fixes the file. A missing or empty
 * file is an empty store, unless the last good copy held flags: then it is a replacement caught
 * half done (`git` deletes a file and creates it again; some editors truncate it, then write), not
 * "no flags", and it is treated as a broken file until it is back.
 */
export class FileSnapshots {
  private good: Snapshot | undefined;
  private invalidKey: string | undefined;
  private invalidError: Error | undefined;

  constructor(
    private readonly path: string,
    private readonly events: SnapshotEvents,
  ) {}

  /** The last good version's entries, if one was ever read. */
  get lastGood(): FileEntries | undefined {
    return this.good?.entries;
  }

  /**
   * Looks at the file; `fresh` reads it even when its version key has not changed, as a locked
   * read-change-write must (a replaced file can get the freed inode number of the one before).
   * Rejects only for a file that is unusable while no good copy was ever read.
   */
  async load(fresh = false): Promise<Loaded> {
    if (!fresh && this.good !== undefined) {
      // The common case, one system call: the file is the version already parsed.
      const key = await stat(this.path, { bigint: true }).then(versionKey, () => undefined);
      if (key === this.good.key) return { entries: this.good.entries, invalid: undefined };
      if (key !== undefined && key === this.invalidKey) return this.reject(key, this.invalidError!);
    }
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return this.reject(UNREADABLE, error as Error);
      if (this.heldFlags()) return this.reject(MISSING, new FileGoneError());
      return this.accept({ key: MISSING, entries: new Map() });
    }
    let key = UNREADABLE;
    try {
      // The handle pins one version of the file: a rename over it while it is read does not mix two.
      key = versionKey(await handle.stat({ bigint: true }));
      if (!fresh && this.good?.key === key) return { entries: this.good.entries, invalid: undefined };
      if (!fresh && this.invalidKey === key) return this.reject(key, this.invalidError!);
      const text = await handle.readFile('utf8');
      if (text.trim() === '' && this.heldFlags()) {
        return this.reject(key, new FileFormatError('the file is empty (truncated, or a write caught half done)'));
      }
      return this.accept({ key, entries: parseFileEntries(text) });
    } catch (error) {
      return this.reject(key, error as Error);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Records the store's own write, which replaced the file with `entries` at version `key`. */
  wrote(key: string, entries: FileEntries): void {
    this.good = { key, entries };
  }

  /** The version key of the file as it is now (after the store's own write). */
  static async keyOf(path: string): Promise<string> {
    const handle = await open(path, 'r');
    try {
      return versionKey(await handle.stat({ bigint: true }));
    } finally {
      await handle.close();
    }
  }

  private heldFlags(): boolean {
    return (this.good?.entries.size ?? 0) > 0;
  }

  private accept(snapshot: Snapshot): Loaded {
    this.good = snapshot;
    if (this.invalidKey !== undefined) {
      this.invalidKey = undefined;
      this.invalidError = undefined;
      this.events.recovered();
    }
    return { entries: snapshot.entries, invalid: undefined };
  }

  private reject(key: string, error: Error): Loaded {
    if (key !== this.invalidKey) {
      this.invalidKey = key;
      this.invalidError = error;
      this.events.invalid(error);
    }
    if (this.good === undefined) throw error;
    return { entries: this.good.entries, invalid: error };
  }
}
