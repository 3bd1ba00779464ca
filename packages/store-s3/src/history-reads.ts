import {
  compareHistoryIds,
  resolveHistoryReadOptions,
  type HistoryEntry,
  type HistoryReadOptions,
  type ResolvedHistoryRetention,
} from '@flipper-client/core/store';
import type { FlagObjects } from './flag-objects.js';
import { isPending, sequenceOfId, toEntry } from './history-layout.js';
import type { HistoryObjects } from './history-objects.js';

/**
 * Reads of an S3 store's history: a flag's entries newest first, a pending newest entry left
 * out (see HistoryLog's recovery rule), retention applied as the writes apply it.
 */
export class HistoryReads {
  constructor(
    private readonly flags: FlagObjects,
    private readonly history: HistoryObjects,
    private readonly retention: ResolvedHistoryRetention,
    private readonly flagKey: (featureName: string) => string,
  ) {}

  async flag(featureName: string, options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    const { limit, before } = resolveHistoryReadOptions(options);
    return this.page(featureName, limit, before, await this.history.sequences(featureName));
  }

  async acrossFlags(options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    const { limit, before } = resolveHistoryReadOptions(options);
    const byFlag = new Map<string, number[]>();
    for (const key of await this.history.keysUnder(this.history.layout.prefix)) {
      const featureName = this.history.layout.flagOf(key);
      if (featureName === undefined) continue;
      let sequences = byFlag.get(featureName);
      if (sequences === undefined) byFlag.set(featureName, (sequences = []));
      sequences.push(this.history.layout.sequenceOf(featureName, key)!);
    }
    const pages = await Promise.all([...byFlag].map(([featureName, sequences]) => this.page(featureName, limit, before, sequences.sort((a, b) => a - b))));
    return pages.flat().sort((a, b) => compareHistoryIds(b.id, a.id)).slice(0, limit);
  }

  /** One entry by id: its object read directly, left out if retention dropped it or it is pending. */
  async entry(featureName: string, id: string): Promise<HistoryEntry | undefined> {
    const sequence = sequenceOfId(featureName, id);
    if (sequence === undefined) return undefined;
    const sequences = await this.history.sequences(featureName);
    const kept = sequences.slice(Math.max(0, sequences.length - this.retention.limit));
    if (!kept.includes(sequence)) return undefined;
    const [found, newest] = await this.history.entries('historyEntry', featureName, [...new Set([sequence, kept[kept.length - 1]!])]);
    if (found === undefined || found.sequence !== sequence || toEntry(featureName, found).id !== id) return undefined;
    const latest = newest ?? found;
    if (latest.sequence === sequence) {
      const stored = await this.flags.readText('historyEntry', this.flagKey(featureName), featureName);
      if (isPending(found.body, stored?.text ?? null)) return undefined;
    }
    if (this.retention.maxAgeMs !== undefined && latest.body.at - found.body.at > this.retention.maxAgeMs) return undefined;
    return toEntry(featureName, found);
  }

  /**
   * Newest first from the flag's write numbers (oldest first): entries are read in batches of
   * the page from the newest down until the page is full, so a page costs about its own length.
   */
  private async page(featureName: string, limit: number, before: string | undefined, sequences: readonly number[]): Promise<HistoryEntry[]> {
    const kept = sequences.slice(Math.max(0, sequences.length - this.retention.limit)).reverse();
    const result: HistoryEntry[] = [];
    let newestAt: number | undefined;
    for (let start = 0; start < kept.length && result.length < limit; start += limit + 1) {
      const batch = await this.history.entries('history', featureName, kept.slice(start, start + limit + 1));
      if (start === 0 && batch[0] !== undefined) {
        const stored = await this.flags.readText('history', this.flagKey(featureName), featureName);
        if (batch[0].sequence === kept[0] && isPending(batch[0].body, stored?.text ?? null)) batch.shift();
      }
      for (const entry of batch) {
        newestAt ??= entry.body.at;
        if (this.retention.maxAgeMs !== undefined && newestAt - entry.body.at > this.retention.maxAgeMs) return result;
        const visible = toEntry(featureName, entry);
        if (before !== undefined && compareHistoryIds(visible.id, before) >= 0) continue;
        result.push(visible);
        if (result.length === limit) break;
      }
    }
    return result;
  }
}
