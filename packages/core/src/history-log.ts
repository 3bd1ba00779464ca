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
 */
export class HistoryLog {
  private readonly entries = new Map<string, HistoryEntry[]>();
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
    this.trim(featureName, kept, at);
    return entry;
  }

  read(featureName: string, options?: HistoryReadOptions): HistoryEntry[] {
    return page(this.entries.get(featureName) ?? [], options);
  }

  readAll(options?: HistoryReadOptions): HistoryEntry[] {
    const all = [...this.entries.values()].flat().sort((a, b) => compareHistoryIds(a.id, b.id));
    return page(all, options);
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
    if (drop > 0) kept.splice(0, drop);
    if (kept.length === 0) this.entries.delete(featureName);
  }
}

/** Newest first, older than `before`, at most `limit`, from entries held oldest first. */
function page(oldestFirst: readonly HistoryEntry[], options?: HistoryReadOptions): HistoryEntry[] {
  const { limit, before } = resolveHistoryReadOptions(options);
  const result: HistoryEntry[] = [];
  for (let i = oldestFirst.length - 1; i >= 0 && result.length < limit; i--) {
    const entry = oldestFirst[i]!;
    if (before === undefined || compareHistoryIds(entry.id, before) < 0) result.push(entry);
  }
  return result;
}
