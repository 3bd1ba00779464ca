import { decodeDocument, encodeDocument } from './document.js';
import { HistoryEntryNotFoundError, InvalidArgumentError, NotSupportedError } from './errors.js';
import { compareHistoryIds, resolveHistoryReadOptions, type HistoryEntry, type HistoryReadOptions, type WriteContext } from './history.js';
import { compareCodePoints } from './python-compare.js';
import { hasHistory, hasWholeDocumentWrites, type FeatureFlagStore, type History } from './store.js';

/**
 * A change that flipper did not make: the stored document (or an entry's `before`) differs from
 * what the entry before it left. Written by another library on the same backend (the Python
 * flipper-client) or by hand; when it happened and who did it are unknown.
 */
export interface OutsideChange {
  readonly action: 'changed_outside_flipper';
  readonly id: null;
  readonly at: null;
  readonly actor: null;
  readonly featureName: string;
  /** What flipper's history last recorded for the flag (`null`: no flag). */
  readonly before: string | null;
  /** What was found instead: the stored document, or the `before` of the next entry. */
  readonly after: string | null;
}

/** What the client's `history` reports: the store's entries and the outside changes between them. */
export type FlagHistoryItem = HistoryEntry | OutsideChange;

/** One flag as it was at a point in time: its stored document. */
export interface FlagSnapshot {
  readonly featureName: string;
  readonly document: string;
}

const SNAPSHOT_PAGE = 500;

export function requireHistory(store: FeatureFlagStore): FeatureFlagStore & History {
  if (!hasHistory(store)) throw new NotSupportedError(store.storeName, 'history');
  return store;
}

function outside(featureName: string, before: string | null, after: string | null): OutsideChange {
  return Object.freeze({ action: 'changed_outside_flipper', id: null, at: null, actor: null, featureName, before, after });
}

/**
 * The flag's history, newest first, with an {@link OutsideChange} wherever the chain breaks:
 * above the newest entry when the stored document is not its `after` (first page only), and
 * between two entries when the newer one's `before` is not the older one's `after`. One entry
 * more than asked is read to check the gap at the end of the page.
 */
export async function flagHistory(store: FeatureFlagStore, featureName: string, options?: HistoryReadOptions): Promise<FlagHistoryItem[]> {
  const history = requireHistory(store);
  const { limit, before } = resolveHistoryReadOptions(options);
  const read = await history.history(featureName, { limit: limit + 1, ...(before === undefined ? {} : { before }) });
  const entries = read.slice(0, limit);
  const items: FlagHistoryItem[] = [];
  if (before === undefined) {
    const current = await history.storedDocument(featureName);
    const recorded = entries[0]?.after ?? null;
    if (current !== recorded) items.push(outside(featureName, recorded, current));
  }
  for (const [index, entry] of entries.entries()) {
    items.push(entry);
    const older = read[index + 1];
    if (older !== undefined && older.after !== entry.before) items.push(outside(featureName, older.after, entry.before));
  }
  return items;
}

/**
 * Every flag's history, newest first by id, with outside changes as in {@link flagHistory} for
 * the entries of a flag within the page; on the first page, the outside changes found above
 * each flag's newest entry come first.
 */
export async function historyAcrossFlags(store: FeatureFlagStore, options?: HistoryReadOptions): Promise<FlagHistoryItem[]> {
  const history = requireHistory(store);
  const { limit, before } = resolveHistoryReadOptions(options);
  const entries = await history.historyAcrossFlags({ limit, ...(before === undefined ? {} : { before }) });
  const items: FlagHistoryItem[] = [];
  const newer = new Map<string, HistoryEntry>();
  for (const entry of entries) {
    const previous = newer.get(entry.featureName);
    if (previous !== undefined && previous.before !== entry.after) {
      items.push(outside(entry.featureName, entry.after, previous.before));
    }
    newer.set(entry.featureName, entry);
    items.push(entry);
  }
  if (before !== undefined) return items;
  // The first occurrence of each flag is its newest entry: compare it with what is stored now.
  const newest = new Map<string, HistoryEntry>();
  for (const entry of entries) if (!newest.has(entry.featureName)) newest.set(entry.featureName, entry);
  const top = await Promise.all(
    [...newest.values()].map(async (entry) => {
      const current = await history.storedDocument(entry.featureName);
      return current === entry.after ? undefined : outside(entry.featureName, entry.after, current);
    }),
  );
  return [...top.filter((change): change is OutsideChange => change !== undefined), ...items];
}

/**
 * Puts the flag back as it was after `entryId`: the entry's `after` written whole (a destroyed
 * flag comes back), or the flag deleted when that entry deleted it. The rollback is a write of
 * its own, with its own entry. A store without `put` gets the flag created off and then
 * completed with `update`, so it is never on without its conditions.
 */
export async function rollback(store: FeatureFlagStore, featureName: string, entryId: string, context: WriteContext): Promise<void> {
  const history = requireHistory(store);
  if (typeof entryId !== 'string' || entryId.length === 0) {
    throw new InvalidArgumentError('rollback needs the id of a history entry', { featureName });
  }
  const entry = await history.historyEntry(featureName, entryId);
  if (entry === undefined) throw new HistoryEntryNotFoundError(featureName, entryId);
  if (entry.after === null) {
    await store.delete(featureName, context);
    return;
  }
  const item = decodeDocument(featureName, entry.after);
  if (hasWholeDocumentWrites(store)) {
    await store.put(item, context);
    return;
  }
  await store.create(featureName, { isEnabled: false, clientData: item.clientData() }, context);
  await store.update(featureName, () => item, context);
}

/**
 * Every flag as it was at `time` (epoch milliseconds), in name order. A flag with entries is
 * what its newest entry at or before `time` left, or else what its oldest entry after `time`
 * found; a flag without any entry (written only outside flipper) is taken as stored now.
 * Exact as far back as retention keeps entries.
 */
export async function snapshotAt(store: FeatureFlagStore, time: number): Promise<FlagSnapshot[]> {
  const history = requireHistory(store);
  const state = new Map<string, string | null>();
  for await (const item of store.list()) state.set(item.featureName, encodeDocument(item));
  const decided = new Set<string>();
  let before: string | undefined;
  for (;;) {
    const page = await history.historyAcrossFlags({ limit: SNAPSHOT_PAGE, ...(before === undefined ? {} : { before }) });
    for (const entry of page) {
      if (decided.has(entry.featureName)) continue;
      if (entry.at > time) {
        state.set(entry.featureName, entry.before);
      } else {
        state.set(entry.featureName, entry.after);
        decided.add(entry.featureName);
      }
    }
    const last = page[page.length - 1];
    if (page.length < SNAPSHOT_PAGE || last === undefined) break;
    if (before !== undefined && compareHistoryIds(last.id, before) >= 0) break; // a store that ignores `before`
    before = last.id;
  }
  return [...state.entries()]
    .filter((pair): pair is [string, string] => pair[1] !== null)
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([featureName, document]) => Object.freeze({ featureName, document }));
}
