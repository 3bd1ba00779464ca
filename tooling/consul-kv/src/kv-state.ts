import { compareKeys } from './key-path.js';

/** One stored pair, as Consul's `structs.DirEntry` holds it. */
export interface KvEntry {
  readonly key: string;
  /** Null for an empty value, as Consul stores a PUT without a body. */
  readonly value: Buffer | null;
  readonly flags: bigint;
  readonly createIndex: number;
  readonly modifyIndex: number;
  readonly lockIndex: number;
}

/** A read with the index Consul would send as `X-Consul-Index`. */
export interface IndexedResult<T> {
  index: number;
  result: T;
}

const BOOTSTRAP_ENTRIES = 10;

export type ChangeListener = (changedKeys: readonly string[]) => void;

/**
 * The KV table of one endpoint, with Consul's index rules.
 *
 * Every write request is a Raft apply and takes the next `raftIndex`, whether or not it changes
 * anything (a lost check-and-set, a delete of a missing key). Writes that change the table also
 * move the table index, and a delete leaves a tombstone carrying its index, so that a prefix
 * whose newest key was deleted still reports a newer index than before the delete. Tombstones
 * are kept until the state is reset (real Consul reaps them after a while, which is one of the
 * ways its indexes can go backwards).
 */
export class KvState {
  // A new Consul's log already holds its bootstrap entries, so its first KV write never gets
  // index 1, the floor an empty table reports: a client blocking on 1 must wake for that write.
  private raftIndex = BOOTSTRAP_ENTRIES;
  private tableIndex = 0;
  private readonly entries = new Map<string, KvEntry>();
  private readonly tombstones = new Map<string, number>();
  private readonly listeners = new Set<ChangeListener>();

  /** The newest Raft index, for tests that want to know where the log is. */
  get lastIndex(): number {
    return this.raftIndex;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(key: string): IndexedResult<KvEntry | undefined> {
    return { index: atLeastOne(this.tableIndex), result: this.entries.get(key) };
  }

  list(prefix: string): IndexedResult<KvEntry[]> {
    const found = this.sortedUnder(prefix);
    return { index: this.prefixIndex(prefix, found), result: found };
  }

  /** `?keys`: keys under the prefix, cut after the first separator past it, without repeats. */
  listKeys(prefix: string, separator: string): IndexedResult<string[]> {
    const found = this.sortedUnder(prefix);
    const keys: string[] = [];
    for (const entry of found) {
      let key = entry.key;
      if (separator !== '') {
        const at = key.indexOf(separator, prefix.length);
        if (at !== -1) key = key.slice(0, at + separator.length);
      }
      if (keys[keys.length - 1] !== key) keys.push(key);
    }
    return { index: this.prefixIndex(prefix, found), result: keys };
  }

  /**
   * PUT. With `cas`, writes only when the key's ModifyIndex equals it (0: only when the key
   * does not exist) and answers whether it wrote.
   */
  set(key: string, value: Buffer | null, flags: bigint, cas?: bigint): boolean {
    const index = ++this.raftIndex;
    const existing = this.entries.get(key);
    if (cas !== undefined) {
      if (cas === 0n ? existing !== undefined : existing === undefined || BigInt(existing.modifyIndex) !== cas) {
        return false;
      }
    }
    this.entries.set(key, {
      key,
      value: value === null || value.length === 0 ? null : value,
      flags,
      createIndex: existing?.createIndex ?? index,
      modifyIndex: index,
      lockIndex: existing?.lockIndex ?? 0,
    });
    this.tombstones.delete(key);
    this.tableIndex = index;
    this.emit([key]);
    return true;
  }

  /**
   * DELETE of one key. With `cas`, deletes only when the ModifyIndex matches; a key that does
   * not exist counts as deleted (`true`), as in Consul.
   */
  delete(key: string, cas?: bigint): boolean {
    const index = ++this.raftIndex;
    const existing = this.entries.get(key);
    if (existing === undefined) return true;
    if (cas !== undefined && BigInt(existing.modifyIndex) !== cas) return false;
    this.remove([key], index);
    return true;
  }

  /** DELETE `?recurse`: every key under the prefix (all keys for an empty prefix). */
  deleteTree(prefix: string): void {
    const index = ++this.raftIndex;
    const keys = this.sortedUnder(prefix).map((entry) => entry.key);
    if (keys.length > 0) this.remove(keys, index);
  }

  /** The stored pair of `key`, without any index bookkeeping: what a transaction checks against. */
  peek(key: string): KvEntry | undefined {
    return this.entries.get(key);
  }

  /** The pairs under `prefix`, in key order. */
  under(prefix: string): KvEntry[] {
    return this.sortedUnder(prefix);
  }

  /**
   * Applies the writes of one transaction at one Raft index, in order, and tells the watchers
   * once: every key written carries the same ModifyIndex, as one Raft apply gives them in Consul.
   */
  applyAll(writes: ReadonlyArray<{ key: string; value: Buffer | null; flags: bigint } | { key: string; delete: true }>): number {
    const index = ++this.raftIndex;
    const changed: string[] = [];
    for (const write of writes) {
      if ('delete' in write) {
        if (!this.entries.delete(write.key)) continue;
        this.tombstones.set(write.key, index);
      } else {
        const existing = this.entries.get(write.key);
        this.entries.set(write.key, {
          key: write.key,
          value: write.value === null || write.value.length === 0 ? null : write.value,
          flags: write.flags,
          createIndex: existing?.createIndex ?? index,
          modifyIndex: index,
          lockIndex: existing?.lockIndex ?? 0,
        });
        this.tombstones.delete(write.key);
      }
      changed.push(write.key);
    }
    if (changed.length > 0) {
      this.tableIndex = index;
      this.emit(changed);
    }
    return index;
  }

  /** A transaction that failed still took a Raft index, as its apply did in Consul. */
  burnIndex(): void {
    this.raftIndex++;
  }

  private remove(keys: readonly string[], index: number): void {
    for (const key of keys) {
      this.entries.delete(key);
      this.tombstones.set(key, index);
    }
    this.tableIndex = index;
    this.emit(keys);
  }

  private sortedUnder(prefix: string): KvEntry[] {
    const found: KvEntry[] = [];
    for (const entry of this.entries.values()) if (entry.key.startsWith(prefix)) found.push(entry);
    return found.sort((a, b) => compareKeys(a.key, b.key));
  }

  /** Consul's rule for prefix reads: the newest entry or tombstone under it, else the table's. */
  private prefixIndex(prefix: string, found: readonly KvEntry[]): number {
    if (prefix === '') return atLeastOne(this.tableIndex);
    let newest = 0;
    for (const entry of found) newest = Math.max(newest, entry.modifyIndex);
    for (const [key, index] of this.tombstones) if (key.startsWith(prefix)) newest = Math.max(newest, index);
    return atLeastOne(newest === 0 ? this.tableIndex : newest);
  }

  private emit(keys: readonly string[]): void {
    for (const listener of [...this.listeners]) listener(keys);
  }
}

/** Consul never answers index 0: a client would then never block (its blocking-query rule). */
function atLeastOne(index: number): number {
  return index < 1 ? 1 : index;
}
