import {
  decodeDocumentWithin,
  type FeatureFlagStoreItem,
  type FlipperError,
  type StoreListOptions,
} from '@flipper-client/core/store';
import type { KvPair } from './consul-kv.js';
import { compareNames, type FlagKeys } from './flag-keys.js';
import type { LocalCopy } from './local-copy.js';

/** A flag to list: its item, or why it could not be read. */
export interface ListedEntry {
  name: string;
  item: FeatureFlagStoreItem | undefined;
  error: FlipperError | undefined;
}

export function entriesOfCopy(copy: LocalCopy): ListedEntry[] {
  return copy.names().map((name) => {
    const entry = copy.lookup(name)!;
    return { name, item: entry.item, error: entry.error };
  });
}

export function entriesOfPairs(pairs: readonly KvPair[], keys: FlagKeys, maxBytes: number): ListedEntry[] {
  const listed: ListedEntry[] = [];
  for (const pair of pairs) {
    const name = keys.nameOf(pair.Key);
    if (name === undefined) continue;
    try {
      listed.push({ name, item: decodeDocumentWithin(name, pair.Value ?? '', maxBytes), error: undefined });
    } catch (error) {
      listed.push({ name, item: undefined, error: error as FlipperError });
    }
  }
  return listed;
}

/** Name order (code points, as Python sorts), then `offset`/`limit`; bad documents go to `onInvalid`. */
export function* pageOf(entries: ListedEntry[], options: StoreListOptions): Iterable<FeatureFlagStoreItem> {
  entries.sort((a, b) => compareNames(a.name, b.name));
  const offset = options.offset ?? 0;
  const end = options.limit === undefined ? entries.length : offset + options.limit;
  for (const entry of entries.slice(offset, end)) {
    if (entry.item !== undefined) yield entry.item;
    else if (entry.error !== undefined) options.onInvalid?.(entry.error);
  }
}
