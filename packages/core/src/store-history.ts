import type { HistoryEntry, HistoryReadOptions, ResolvedHistoryRetention, WriteContext } from './history.js';
import type { FeatureFlagStoreItem } from './item.js';
import type { StoreCreateOptions } from './store-options.js';

/**
 * Capability: the store remembers every write it makes, as {@link HistoryEntry} records kept in
 * the backend itself, beside the flags.
 *
 * **One entry per change, in the same atomic step.** Every write that changes what is stored —
 * `create`, `createIfAbsent`, `set`, `setMeta`, `update`, `put`, and `delete` of a stored flag —
 * appends exactly one entry, and the backend applies the change and its entry together (one
 * Lua script in the flag's hash slot, one Consul `txn`, one locked file write...): no reader,
 * no crash, no concurrent writer ever finds a change without its entry or an entry without its
 * change. A write that changes nothing leaves no entry: a `delete` of a missing flag, a lost
 * compare-and-set attempt (an `update` that retried three times leaves one entry, that of the
 * attempt that landed), a refused `createIfAbsent`, a `change` that threw. A backend that
 * cannot give that guarantee writes down in its README what it does instead and how it
 * recovers; it does not offer this capability silently weaker.
 *
 * **What an entry holds.** `before` is the exact text stored just before the write, read in
 * the same atomic step (so under concurrent writers each entry's `before` is the previous
 * entry's `after`), `after` the exact text written (`encodeDocument` of the item); `null` where
 * no flag was stored. `actor` and `action` come from the write's {@link WriteContext}, or are
 * `defaultActor()` and the store operation's name without one. `at` is the backend's clock
 * where it has one (Redis `TIME`), the store process's otherwise.
 *
 * **Ids.** Decimal integers joined by `-` (see `compareHistoryIds`): strictly increasing per
 * flag, in the order the writes were applied; across the flags of one store, ordered as the
 * writes happened as far as the backend can tell (a counter where it has one, the backend's
 * clock otherwise: a Redis Cluster's masters each stamp their own). Ids are never reused
 * within a store, even after trimming.
 *
 * **Writes that bypass the store** (the Python library on the same backend, a hand edit) leave
 * no entry. Nothing is invented for them: the client compares the stored document
 * ({@link History.storedDocument}) and each entry's `before` with the entry that precedes it,
 * and reports a difference as a change made outside flipper.
 *
 * **Retention.** At most `historyRetention.limit` entries per flag (default 1,000) and, with
 * `maxAgeMs`, none older than that at the flag's next write, trimmed in the same atomic step as
 * the write that goes past them. The entries of a deleted flag are kept (a rollback can bring
 * the flag back) until retention drops them.
 *
 * **Stores in front of a server** (Thrift) offer the capability when the server records history
 * with its own store's atomic step and the client only reads; against a server without it,
 * the reads reject with `NotSupportedError`, promptly, never a hang. Composing stores (a cache,
 * a replica set) offer it exactly when the store whose writes they forward does, read history
 * from it uncached and hand each write's context on.
 *
 * **Invisible to listing.** Entries live where neither this store's `list` nor the Python
 * library's listing looks (Redis: keys outside `<baseKey>/*`; Consul and S3: outside the
 * listed prefix), so a Python service on the same backend keeps working.
 */
export interface History {
  readonly historyRetention: ResolvedHistoryRetention;

  /**
   * The flag's entries, newest first: at most `limit` (default 50), older than `before` when
   * given. A flag never written, or whose entries were all trimmed, has none: `[]`, not an
   * error. Rejects with `InvalidArgumentError` for a malformed `before` or `limit`.
   */
  history(featureName: string, options?: HistoryReadOptions): Promise<HistoryEntry[]>;

  /** The entries of every flag, destroyed ones included, newest first by id; paged as `history`. */
  historyAcrossFlags(options?: HistoryReadOptions): Promise<HistoryEntry[]>;

  /** One entry of the flag, or `undefined` when no entry of that id is kept for it. */
  historyEntry(featureName: string, id: string): Promise<HistoryEntry | undefined>;

  /**
   * The exact text stored for the flag, not decoded (a corrupt document is answered as it is),
   * or `null` when none is stored: what the client compares with the newest entry's `after`.
   */
  storedDocument(featureName: string): Promise<string | null>;
}

/**
 * Capability: a create that never overwrites. `createIfAbsent` stores the new flag (as `create`
 * would: off unless `isEnabled`, the given client data, now as its created date) only if no
 * document of that name is stored, corrupt or not, and decides it in one conditional write of
 * the backend (Redis `SET NX` or its script, Consul `?cas=0`, S3 `If-None-Match: *`, the file
 * store's lock): of any number of concurrent creates of one name, across processes, exactly one
 * resolves and every other rejects with `FlagExistsError` (code `FLAG_EXISTS`) naming the flag,
 * having written nothing. It resolves to the item stored. With {@link History}, the create is
 * an entry like any write.
 */
export interface CreateIfAbsent {
  createIfAbsent(featureName: string, options?: StoreCreateOptions, context?: WriteContext): Promise<FeatureFlagStoreItem>;
}
