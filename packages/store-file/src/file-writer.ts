import { randomBytes } from 'node:crypto';
import type { WriteContext } from '@flipper-client/core/store';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { FileFormatError, fileStoreError } from './errors.js';
import { serializeFileEntries, type FileEntries } from './file-format.js';
import { withFileLock } from './file-lock.js';
import { FileSnapshots } from './file-snapshot.js';
import type { HistoryFile, RecordedChange } from './history-file.js';

interface PendingWrite {
  readonly operation: string;
  readonly featureName: string;
  /** What the history entry records; `undefined` for a raw write, which leaves none (it stands for an outside edit). */
  readonly context: WriteContext | undefined;
  /** Applies the write to the entries, or throws (and changes nothing). */
  apply(entries: FileEntries): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * The store's writes: each is applied in one locked read-change-replace of the file, and writes
 * made while one is under way share the next one. The file is replaced whole (a temporary file
 * renamed over it), so readers never see half of it. A file that is not a flag file is never
 * written over: the write rejects, and the person editing it keeps their text.
 */
export class FileWriter {
  private pending: PendingWrite[] = [];
  private flushing = false;

  constructor(
    private readonly storeName: string,
    private readonly path: string,
    private readonly lockTimeoutMs: number,
    private readonly snapshots: FileSnapshots,
    /** Told of each rewrite, before the writes in it resolve. */
    private readonly wrote: (before: FileEntries, after: FileEntries) => void,
    /** Where each write's entry goes, under the same lock, before the flag file is replaced. */
    private readonly history: HistoryFile | undefined,
  ) {}

  write<T>(operation: string, featureName: string, context: WriteContext | undefined, apply: (entries: FileEntries) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ operation, featureName, context, apply, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.applyBatch(batch);
      }
    } finally {
      this.flushing = false;
    }
  }

  private async applyBatch(batch: readonly PendingWrite[]): Promise<void> {
    const outcomes = new Map<PendingWrite, Outcome>();
    let before: FileEntries = new Map();
    let after: FileEntries = new Map();
    try {
      await withFileLock(`${this.path}.lock`, this.lockTimeoutMs, async () => {
        const loaded = await this.snapshots.load(true);
        if (loaded.invalid instanceof FileFormatError) throw new FileFormatError(`${loaded.invalid.message}; fix it first, nothing was written over it`);
        if (loaded.invalid !== undefined) throw loaded.invalid;
        before = loaded.entries;
        after = new Map(before);
        let changed = false;
        const changes: RecordedChange[] = [];
        for (const write of batch) {
          // Each write either throws before it touches the entries or changes them once, at its end.
          try {
            const previous = after.get(write.featureName);
            outcomes.set(write, { ok: true, value: write.apply(after) });
            changed = true;
            if (write.context !== undefined) {
              changes.push({ featureName: write.featureName, before: previous, after: after.get(write.featureName), context: write.context });
            }
          } catch (error) {
            outcomes.set(write, { ok: false, error });
          }
        }
        if (!changed) return;
        // Entries first: a crash before the flag file is replaced leaves a batch the history
        // file's recovery rule recognises and drops (see HistoryFile and the README).
        if (this.history !== undefined) await this.history.record(before, changes);
        await this.replaceFile(after);
      });
    } catch (error) {
      for (const write of batch) write.reject(fileStoreError(this.storeName, this.path, write.operation, write.featureName, error));
      return;
    }
    this.wrote(before, after);
    for (const write of batch) {
      const outcome = outcomes.get(write)!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
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
    this.snapshots.wrote(await FileSnapshots.keyOf(this.path), entries);
  }
}
