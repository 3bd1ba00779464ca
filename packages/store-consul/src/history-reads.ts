import {
  compareHistoryIds,
  resolveHistoryReadOptions,
  type HistoryEntry,
  type HistoryReadOptions,
  type ResolvedHistoryRetention,
} from '@flipper-client/core/store';
import type { ConsulKv, KvPair } from './consul-kv.js';
import { decodeStoredEntry, retainedNames, type HistoryKeys } from './history-keys.js';

/**
 * Reads history from Consul: a recursive read of a flag's folder (or of the whole history
 * prefix across flags), retention applied as the writes apply it, newest first by id.
 */
export class HistoryReads {
  constructor(
    private readonly kv: ConsulKv,
    private readonly keys: HistoryKeys,
    private readonly retention: ResolvedHistoryRetention,
  ) {}

  async flag(featureName: string, options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    const page = resolveHistoryReadOptions(options);
    const { result } = await this.kv.list(this.keys.folder(featureName));
    return pageOf(this.entriesOf(featureName, result), page);
  }

  async acrossFlags(options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    const page = resolveHistoryReadOptions(options);
    const { result } = await this.kv.list(this.keys.prefix);
    const byFlag = new Map<string, KvPair[]>();
    for (const pair of result) {
      const featureName = decodeStoredEntry(pair.Value)?.featureName;
      if (featureName === undefined) continue;
      let pairs = byFlag.get(featureName);
      if (pairs === undefined) byFlag.set(featureName, (pairs = []));
      pairs.push(pair);
    }
    return pageOf(
      [...byFlag].flatMap(([featureName, pairs]) => this.entriesOf(featureName, pairs)),
      page,
    );
  }

  async entry(featureName: string, id: string): Promise<HistoryEntry | undefined> {
    const { result } = await this.kv.list(this.keys.folder(featureName));
    return this.entriesOf(featureName, result).find((entry) => entry.id === id);
  }

  /** The flag's retained entries among `pairs` (its own keys only, as `HistoryKeys` tells them). */
  private entriesOf(featureName: string, pairs: readonly KvPair[]): HistoryEntry[] {
    const byKey = new Map(pairs.map((pair) => [pair.Key, pair]));
    const names = retainedNames(this.keys.entryNames(featureName, [...byKey.keys()]), this.retention);
    const entries: HistoryEntry[] = [];
    for (const name of names) {
      const pair = byKey.get(name.key)!;
      const stored = decodeStoredEntry(pair.Value);
      if (stored === undefined || stored.featureName !== featureName) continue;
      const { at, actor, action, before, after } = stored;
      entries.push(Object.freeze({ id: String(pair.CreateIndex ?? pair.ModifyIndex), at, actor, action, featureName, before, after }));
    }
    return entries;
  }
}

function pageOf(entries: HistoryEntry[], { limit, before }: { limit: number; before: string | undefined }): HistoryEntry[] {
  return entries
    .filter((entry) => before === undefined || compareHistoryIds(entry.id, before) < 0)
    .sort((a, b) => compareHistoryIds(b.id, a.id))
    .slice(0, limit);
}
