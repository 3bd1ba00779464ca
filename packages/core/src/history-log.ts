import {
  compareHistoryIds,
  resolveHistoryReadOptions,
  type HistoryEntry,
  type HistoryReadOptions,
  type ResolvedHistoryRetention,
  type WriteContext,
} from './history.js';

/**
 * The entries of a store that keeps them in this process (the memory store): per flag, oldest
 * first, with ids from one counter of the store so that they are ordered per flag and across
 * flags. Appends are synchronous, so a caller that changes its data and appends in the same
 * synchronous step makes the two one atomic step.
 *
 * Beside the per-flag lists, one list of every entry in append order (which is id order) serves
 * the reads across flags without sorting; entries trimmed away are skipped there and compacted
 * out once they are half of it.
 */
export class HistoryLog {
  private readonly entries = new Map<string, HistoryEntry[]>();
  private readonly all: HistoryEntry[] = [];
  private readonly trimmed = new WeakSet<HistoryEntry>();
  private trimmedCount = 0;
  private sequence = 0;

  constructor(
    readonly retention: ResolvedHistoryRetention,
    private readonly now: () => number,
  ) {}

  append(featureName: string, before: string | null, after: string | null, context: WriteContext): HistoryEntry {
    const at = this.now();
    this.sequence += 1;
    const entry: HistoryEntry = Object.freeze({
      id: String(this.sequence),
      at,
      actor: context.actor,
      action: context.action,
      featureName,
      before,
      after,
    });
    let kept = this.entries.get(featureName);
    if (kept === undefined) this.entries.set(featureName, (kept = []));
    kept.push(entry);
    this.all.push(entry);
    this.trim(featureName, kept, at);
    return entry;
  }

  read(featureName: string, options?: HistoryReadOptions): HistoryEntry[] {
    return page(this.entries.get(featureName) ?? [], options, () => false);
  }

  readAll(options?: HistoryReadOptions): HistoryEntry[] {
    return page(this.all, options, (entry) => this.trimmed.has(entry));
  }

  entry(featureName: string, id: string): HistoryEntry | undefined {
    return this.entries.get(featureName)?.find((entry) => entry.id === id);
  }

  private trim(featureName: string, kept: HistoryEntry[], now: number): void {
    const { limit, maxAgeMs } = this.retention;
    let drop = Math.max(0, kept.length - limit);
    if (maxAgeMs !== undefined) {
      while (drop < kept.length - 1 && now - kept[drop]!.at > maxAgeMs) drop += 1;
    }
    if (drop === 0) return;
    for (const entry of kept.splice(0, drop)) this.trimmed.add(entry);
    this.trimmedCount += drop;
    if (kept.length === 0) this.entries.delete(featureName);
    if (this.trimmedCount * 2 > this.all.length) {
      const live = this.all.filter((entry) => !this.trimmed.has(entry));
      this.all.splice(0, this.all.length, ...live);
      this.trimmedCount = 0;
    }
  }
}

/**
 * Newest first, older than `before`, at most `limit`, from entries held oldest first (in id
 * order): the start is found by binary search, so a page costs its own length.
 */
function page(oldestFirst: readonly HistoryEntry[], options: HistoryReadOptions | undefined, skip: (entry: HistoryEntry) => boolean): HistoryEntry[] {
  const { limit, before } = resolveHistoryReadOptions(options);
  let end = oldestFirst.length;
  if (before !== undefined) {
    let low = 0;
    while (low < end) {
      const middle = (low + end) >>> 1;
      if (compareHistoryIds(oldestFirst[middle]!.id, before) < 0) low = middle + 1;
      else end = middle;
    }
  }
  const result: HistoryEntry[] = [];
  for (let i = end - 1; i >= 0 && result.length < limit; i--) {
    const entry = oldestFirst[i]!;
    if (!skip(entry)) result.push(entry);
  }
  return result;
}
