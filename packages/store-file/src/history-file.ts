import { randomBytes } from 'node:crypto';
import { appendFile, open, rename, unlink, writeFile } from 'node:fs/promises';
import type { HistoryAction, ResolvedHistoryRetention, WriteContext } from '@flipper-client/core/store';
import { documentTextOf, type FileEntries } from './file-format.js';
import { formatHistoryLine, lastBatchIsTorn, parseHistoryLines, retainedLines, withoutLastBatch, type HistoryLine } from './history-lines.js';

/** One write of a batch, as the entry records it: member texts, `undefined` where no flag was. */
export interface RecordedChange {
  readonly featureName: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly context: WriteContext;
}

/** The file is compacted (trimmed lines dropped) once it holds this many lines more than it keeps. */
const COMPACT_SLACK = 256;

function textOf(member: string | undefined): string | null {
  return member === undefined ? null : documentTextOf(member);
}

/**
 * `<file>.history.jsonl`, the file store's history: one JSON line per entry, oldest first,
 * appended under the flag file's lock before the flag file is replaced (see the README's
 * "History"). Retention is applied by every read and by compaction under the lock, which drops
 * trimmed lines and a torn last batch by rewriting the file whole (temporary file, rename).
 */
export class HistoryFile {
  private cache: { key: string; lines: HistoryLine[] } | undefined;

  constructor(
    readonly path: string,
    readonly retention: ResolvedHistoryRetention,
  ) {}

  /** Every line of the file, as written (trimmed and torn ones included). */
  async lines(): Promise<HistoryLine[]> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const info = await handle.stat({ bigint: true });
      const key = `${info.ino}:${info.size}:${info.mtimeNs}`;
      if (this.cache?.key === key) return this.cache.lines;
      const text = await handle.readFile('utf8');
      // A text that does not end its last line is an append a crash cut short: that line is skipped.
      const lines = parseHistoryLines(text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1));
      this.cache = { key, lines };
      return lines;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** The entries a reader sees given the flags stored now: retained, without a torn last batch. */
  async visible(flags: FileEntries): Promise<HistoryLine[]> {
    const lines = await this.lines();
    const stored = (featureName: string): string | null => textOf(flags.get(featureName));
    return retainedLines(lastBatchIsTorn(lines, stored) ? withoutLastBatch(lines) : lines, this.retention);
  }

  /**
   * Appends the entries of one batch; called under the lock, with `flags` the flag file as the
   * lock found it, before the flag file is replaced. Compacts first when the file holds a torn
   * batch, a torn line or many trimmed lines.
   */
  async record(flags: FileEntries, changes: readonly RecordedChange[]): Promise<void> {
    const real = changes.filter((change) => change.before !== undefined || change.after !== undefined);
    if (real.length === 0) return;
    const raw = await this.readRaw();
    let lines = parseHistoryLines(raw);
    const stored = (featureName: string): string | null => textOf(flags.get(featureName));
    const torn = lastBatchIsTorn(lines, stored);
    let next = lines.reduce((max, line) => Math.max(max, Number(line.id)), 0) + 1;
    // The file's clock never runs backwards, so that age retention follows id order.
    const at = Math.max(Date.now(), lines[lines.length - 1]?.at ?? 0);
    if (torn) lines = withoutLastBatch(lines);
    const batch = String(next);
    const added = real.map(
      (change): HistoryLine => ({
        id: String(next++),
        batch,
        at,
        actor: change.context.actor,
        action: change.context.action satisfies HistoryAction,
        featureName: change.featureName,
        before: textOf(change.before),
        after: textOf(change.after),
      }),
    );
    const all = [...lines, ...added];
    const kept = retainedLines(all, this.retention);
    if (torn || (raw !== '' && !raw.endsWith('\n')) || all.length - kept.length > COMPACT_SLACK) {
      await this.replace(kept.map(formatHistoryLine).join(''));
    } else {
      await appendFile(this.path, added.map(formatHistoryLine).join(''));
    }
  }

  private async readRaw(): Promise<string> {
    let handle;
    try {
      handle = await open(this.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
    try {
      return await handle.readFile('utf8');
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private async replace(text: string): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, text);
      await rename(temporary, this.path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}
