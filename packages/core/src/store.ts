import type { FlipperError } from './errors.js';
import type { WriteContext } from './history.js';
import type { FeatureFlagMeta, FeatureFlagStoreItem } from './item.js';
import type { CreateIfAbsent, History } from './store-history.js';
import type { StoreCreateOptions } from './store-options.js';

export type { StoreCreateOptions } from './store-options.js';
export type { CreateIfAbsent, History } from './store-history.js';

export interface StoreListOptions {
  /** At most this many flags; unlimited when absent. */
  limit?: number;
  /** Skip this many flags of the store's order first; default 0. */
  offset?: number;
  /**
   * Called for each stored document that cannot be decoded. The listing goes on without it:
   * one corrupt or foreign document never hides the others.
   */
  onInvalid?: (error: FlipperError) => void;
}

/** What a change feed reports. */
export type StoreChange =
  /** This flag was created, changed or deleted (by this process or another one). */
  | { readonly kind: 'flag'; readonly featureName: string }
  /** Changes may have been missed (a reconnect, a reset): treat every flag as changed. */
  | { readonly kind: 'all' };

export type StoreChangeListener = (change: StoreChange) => void;

/** Stops a subscription; calling it twice is harmless. */
export type Unsubscribe = () => void;

/** A change function for {@link FeatureFlagStore.update}: pure, may run more than once. */
export type ItemChange = (current: FeatureFlagStoreItem) => FeatureFlagStoreItem;

/**
 * The contract every store implements: the page a store author reads first. Import it, and
 * everything else a store needs, from `@flipper-client/core/store`.
 *
 * **Documents.** A store keeps one document per flag in the shape of SPEC §5 and writes it with
 * `encodeDocument` / reads it with `decodeDocument`, so that the Python library reads and writes
 * the same flags. Items handed out are immutable and may be shared between callers.
 *
 * **Missing flags.** `get` resolves to `undefined` for a flag that is not stored: a missing flag
 * is an answer, not an error. `setMeta` and `update` reject with `FlagDoesNotExistError`;
 * `set` creates a missing flag (as the Python stores do); `delete` of a missing flag resolves.
 *
 * **Failures.** A backend that fails or cannot be reached makes the call reject with a
 * `StoreError` naming the store, the operation and the flag, promptly (network stores have
 * timeouts). A document that cannot be decoded makes `get` reject with `InvalidDocumentError`.
 * A failed write says what became of it: `WriteNotAppliedError` (`WRITE_NOT_APPLIED`) when it
 * certainly did not happen, `WriteOutcomeUnknownError` (`WRITE_OUTCOME_UNKNOWN`) when its answer
 * was lost (a timeout) and it may have. Either way, once the caller has the error the write no
 * longer changes the store: a network store never lets a write it gave up on land later (a
 * deadline the backend checks, a conditional write on the version read), and a write that did
 * land never overwrites a newer one.
 * A store recovers by itself when its backend comes back; no new store is needed.
 *
 * **Atomicity.** `update` is the read-modify-write of the contract: the store reads the current
 * item, applies `change` and writes the result only if the document has not changed since it
 * was read (WATCH/MULTI, a script, `?cas=ModifyIndex`, `If-Match`), retrying otherwise, so no
 * concurrent update is lost. `change` must therefore be pure. `updateWithCompareAndSet` is that
 * retry loop and `setOrCreate` the same for `set`; a store supplies the conditional read and
 * write. A store that cannot make `update` atomic says so with `atomicUpdates: false`.
 * `create`, `setMeta` and `delete` are single writes.
 *
 * **Write context.** Every write takes an optional last argument, a {@link WriteContext}: who
 * writes and what the write is. A store without {@link History} ignores it; a store with it
 * records it in the write's entry, and records `defaultActor()` and the operation's own name
 * when it is absent. A composing store hands it on to the store it composes, unchanged.
 *
 * **Consistency.** A store shows its own writes to its next read (read-your-writes), including a
 * store that reads from a local copy.
 *
 * **Listing.** `list` yields each stored flag at most once, in an order the store defines and
 * documents (the memory store: by name). Without writes in between, the pages taken with
 * `offset`/`limit` partition the listing.
 *
 * **Optional capabilities** are declared once each, by the interfaces {@link ChangeFeed}
 * (`watch`), {@link SyncReadable} (`getSync`, `syncReady`), {@link Readiness} (`ready`),
 * {@link Closable} (`close`), {@link WholeDocumentWrites} (`put`), {@link History}
 * (`history`, `historyAcrossFlags`, `historyEntry`, `storedDocument`) and {@link CreateIfAbsent}
 * (`createIfAbsent`). A store that has one implements that interface; a composing store (a
 * cache, a replica set) tests for it with `hasChangeFeed`, `isSyncReadable`, `hasReadiness`,
 * `hasWholeDocumentWrites`, `hasHistory` and `hasCreateIfAbsent`, and closes what
 * it holds with `store.close?.()`. A type that needs a capability is the intersection the guards
 * narrow to, `FeatureFlagStore & ChangeFeed`. A store offers a capability only where its backend
 * really has it: a composing store offers one only when the store it composes does.
 */
export interface FeatureFlagStore
  extends Partial<ChangeFeed>,
    Partial<SyncReadable>,
    Partial<Readiness>,
    Partial<Closable>,
    Partial<WholeDocumentWrites>,
    Partial<History>,
    Partial<CreateIfAbsent> {
  /** A short name of the backend for errors and logs: `memory`, `redis`, `consul`... */
  readonly storeName: string;

  /** False when `update` is not atomic against writers in other processes. Default true. */
  readonly atomicUpdates?: boolean;

  /** Creates the flag, replacing any flag of the same name, and resolves to what was stored. */
  create(featureName: string, options?: StoreCreateOptions, context?: WriteContext): Promise<FeatureFlagStoreItem>;

  /** The flag, or `undefined` when it is not stored. */
  get(featureName: string): Promise<FeatureFlagStoreItem | undefined>;

  /**
   * Switches the flag on or off, keeping its metadata; creates it when missing. A
   * compare-and-set store makes this atomic too (see `setOrCreate`).
   */
  set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void>;

  /** Removes the flag; resolves whether or not it existed. */
  delete(featureName: string, context?: WriteContext): Promise<void>;

  /** The stored flags; see "Listing" above. */
  list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem>;

  /** Replaces the flag's metadata; rejects with `FlagDoesNotExistError` when missing. */
  setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void>;

  /**
   * Atomic read-modify-write (see "Atomicity" above); resolves to the item written. Rejects with
   * `FlagDoesNotExistError` when the flag is missing, with whatever `change` throws (nothing is
   * written then), or with `UpdateConflictError` after too many lost races.
   */
  update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem>;
}

/**
 * Capability: a change feed. The listener hears of every change to a flag, made by this process
 * or by another one, soon after it lands (how soon is the store's to document). Listeners are
 * called synchronously by the store and must not throw.
 */
export interface ChangeFeed {
  watch(listener: StoreChangeListener): Unsubscribe;
}

/**
 * Capability: a complete, current local copy that answers synchronously. `getSync` may be
 * called only while `syncReady` is true; it then answers exactly what `get` would.
 */
export interface SyncReadable {
  readonly syncReady: boolean;
  getSync(featureName: string): FeatureFlagStoreItem | undefined;
}

/** Capability: the store has a first load to wait for (a first sync, a preload). */
export interface Readiness {
  ready(): Promise<void>;
}

/** Capability: the store holds connections, timers or subscriptions to release. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Capability: writes a whole flag in one write. `put(item)` creates the flag, or replaces the flag
 * of that name, with exactly this item's document — its state, `created_date`, conditions,
 * bucketer and client data, encoded with `encodeDocument` — without reading what was stored.
 *
 * - **One write.** The backend receives one write of the whole document (one SET, one PUT, one
 *   PutObject), so it is atomic as any single write of the backend is: no reader ever sees part
 *   of it (a flag switched on before its conditions arrive), and a concurrent `update` either
 *   reads the document before it and loses its compare-and-set, or reads the put's document. A
 *   failed `put` leaves the stored flag as it was, or (a write whose answer was lost) as put.
 * - **No read, no merge.** Whatever the flag held before is gone; the flag need not exist. (A
 *   store with {@link History} reads the replaced text inside the same atomic step, for the
 *   entry's `before`; the caller still never waits for a read.)
 * - **Read-your-writes**, as every write: once `put` resolves, `get` (and `getSync`, `list`)
 *   answer this item.
 * - **Change feed.** A store with a {@link ChangeFeed} reports the put as any write of the flag.
 * - Names are checked as `create` checks them: an invalid one rejects with
 *   `InvalidArgumentError` before anything is sent.
 *
 * A copy, an import or a replica uses it to write a flag whole instead of `create` followed by
 * `update`. A backend with no such call (the Thrift service) does not offer it: the caller then
 * writes the flag off first and completes it with `update`, so that it is never on without its
 * conditions.
 */
export interface WholeDocumentWrites {
  put(item: FeatureFlagStoreItem, context?: WriteContext): Promise<void>;
}

/** Whether the store has a change feed (see {@link ChangeFeed}). */
export function hasChangeFeed<S extends FeatureFlagStore>(store: S): store is S & ChangeFeed {
  return typeof store.watch === 'function';
}

/** Whether the store can answer synchronously (see {@link SyncReadable}); ask `syncReady` before each read. */
export function isSyncReadable<S extends FeatureFlagStore>(store: S): store is S & SyncReadable {
  return typeof store.getSync === 'function';
}

/** Whether the store has a first load to wait for (see {@link Readiness}). */
export function hasReadiness<S extends FeatureFlagStore>(store: S): store is S & Readiness {
  return typeof store.ready === 'function';
}

/** Whether the store writes a whole flag in one write (see {@link WholeDocumentWrites}). */
export function hasWholeDocumentWrites<S extends FeatureFlagStore>(store: S): store is S & WholeDocumentWrites {
  return typeof store.put === 'function';
}

/** Whether the store remembers its writes (see {@link History}). */
export function hasHistory<S extends FeatureFlagStore>(store: S): store is S & History {
  return typeof store.history === 'function' && typeof store.historyAcrossFlags === 'function';
}

/** Whether the store has a create that never overwrites (see {@link CreateIfAbsent}). */
export function hasCreateIfAbsent<S extends FeatureFlagStore>(store: S): store is S & CreateIfAbsent {
  return typeof store.createIfAbsent === 'function';
}
