import { UpdateConflictError, type ResolvedHistoryRetention, type WriteContext } from '@flipper-client/core/store';
import type { ConsulKv, TxnKvOp } from './consul-kv.js';
import type { FlagKeys } from './flag-keys.js';
import { encodeStoredEntry, retainedNames, type EntryKeyName, type HistoryKeys } from './history-keys.js';

/** What a write makes of the flag's stored text (`undefined`: none stored). */
export type WriteDecision<T> =
  /** Store `text` (`null`: delete the flag) and answer `value`. */
  | { readonly text: string | null; readonly value: T }
  /** Write nothing (a delete of a missing flag): no change, no entry. */
  | { readonly unchanged: T };

/** Runs one Consul call, turning its failure into the store's `StoreError` naming the operation and flag. */
export type ConsulRequest = <T>(operation: string, featureName: string, call: () => Promise<T>) => Promise<T>;

/** Consul takes at most 64 operations per transaction: the flag, its entry, and this many trims. */
const MAX_TRIMS = 60;
const MAX_ATTEMPTS = 50;

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/**
 * The writes of a store with history: the change of the flag, its entry and its trimming in
 * one Consul transaction, so Consul applies them all at one Raft index or none of them.
 *
 * Each attempt reads the flag (its text and `ModifyIndex`) and the names of its entry keys,
 * decides, then sends: `cas` (or `delete-cas`) of the flag on the index read (`Index: 0`, only
 * if still absent, for a flag that was not there), `cas` with `Index: 0` of the new entry key
 * (two writers that read the same names cannot both add the same key), and a `delete` per
 * entry past retention. A transaction that loses either check writes nothing and is retried
 * from the read, so every entry's `before` is exactly the text its change replaced.
 */
export class HistoryWriter {
  constructor(
    private readonly kv: ConsulKv,
    private readonly flags: FlagKeys,
    private readonly keys: HistoryKeys,
    private readonly retention: ResolvedHistoryRetention,
    private readonly storeName: string,
    private readonly request: ConsulRequest,
  ) {}

  /** `decide` runs outside the Consul calls: what it throws (a refused change) reaches the caller as it is. */
  async write<T>(operation: string, featureName: string, context: WriteContext, decide: (current: string | undefined) => WriteDecision<T>): Promise<{ value: T; written: string | null | undefined }> {
    const flagKey = this.flags.keyFor(featureName);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [read, keys] = await this.request(operation, featureName, () =>
        Promise.all([this.kv.get(flagKey), this.kv.keys(this.keys.folder(featureName))]),
      );
      const current = read.result === undefined ? undefined : (read.result.Value ?? '');
      const decision = decide(current);
      if ('unchanged' in decision) return { value: decision.unchanged, written: undefined };
      const names = this.keys.entryNames(featureName, keys);
      const last = names[names.length - 1];
      // The writer's clock, never behind the flag's newest entry, so that age follows write order.
      const at = Math.max(Date.now(), last?.at ?? 0);
      const entry: EntryKeyName = { key: this.keys.entryKey(featureName, (last?.sequence ?? 0) + 1, at), sequence: (last?.sequence ?? 0) + 1, at };
      const flagOp: TxnKvOp =
        decision.text === null
          ? { Verb: 'delete-cas', Key: flagKey, Index: read.result!.ModifyIndex }
          : { Verb: 'cas', Key: flagKey, Value: base64(decision.text), Index: read.result?.ModifyIndex ?? 0 };
      const value = encodeStoredEntry({ featureName, at, actor: context.actor, action: context.action, before: current ?? null, after: decision.text });
      const kept = new Set(retainedNames([...names, entry], this.retention).map((name) => name.key));
      const trims = names.filter((name) => !kept.has(name.key)).slice(0, MAX_TRIMS);
      const outcome = await this.request(operation, featureName, () =>
        this.kv.txn([
          flagOp,
          { Verb: 'cas', Key: entry.key, Value: base64(value), Index: 0 },
          ...trims.map((name): TxnKvOp => ({ Verb: 'delete', Key: name.key })),
        ]),
      );
      if (outcome.applied) return { value: decision.value, written: decision.text };
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));
    }
    throw new UpdateConflictError(featureName, this.storeName, MAX_ATTEMPTS);
  }
}
