import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { LRUCache } from 'lru-cache';

/** One read of the inner store: a flag, or `undefined` for a flag known to be missing. */
export interface CacheEntry {
  readonly item: FeatureFlagStoreItem | undefined;
  readonly fetchedAt: number;
  /** When the change feed said the flag changed: no longer fresh, still the last known value. */
  invalidatedAt: number | undefined;
}

export interface CacheEntriesOptions {
  size: number;
  missingSize: number;
  ttlMs: number | undefined;
  maxStaleMs: number;
}

/**
 * The bounded part of the cache: flags in one LRU and names known to be missing in another, so
 * that a burst of lookups for absent names cannot evict real flags. An entry stays after it
 * expires or is invalidated, as the last known value to serve when the inner store fails; only
 * LRU eviction, `forget` and `clear` drop it.
 */
export class CacheEntries {
  private readonly found: LRUCache<string, CacheEntry>;
  private readonly missing: LRUCache<string, CacheEntry> | undefined;
  private readonly ttlMs: number;
  private readonly maxStaleMs: number;

  constructor(options: CacheEntriesOptions) {
    this.found = new LRUCache({ max: options.size });
    this.missing = options.missingSize > 0 ? new LRUCache({ max: options.missingSize }) : undefined;
    this.ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.maxStaleMs = options.maxStaleMs;
  }

  /** The entry when it may be served without asking the inner store. */
  fresh(featureName: string, now: number): CacheEntry | undefined {
    const entry = this.found.get(featureName) ?? this.missing?.get(featureName);
    if (entry === undefined || entry.invalidatedAt !== undefined || now - entry.fetchedAt >= this.ttlMs) return undefined;
    return entry;
  }

  /** The entry when it may stand in for a read that failed: held, and stale for at most `maxStaleMs`. */
  lastKnown(featureName: string, now: number): CacheEntry | undefined {
    const entry = this.found.peek(featureName) ?? this.missing?.peek(featureName);
    if (entry === undefined) return undefined;
    const staleSince = entry.invalidatedAt ?? entry.fetchedAt + this.ttlMs;
    return now - staleSince <= this.maxStaleMs ? entry : undefined;
  }

  store(featureName: string, item: FeatureFlagStoreItem | undefined, now: number, invalidated = false): void {
    const entry: CacheEntry = { item, fetchedAt: now, invalidatedAt: invalidated ? now : undefined };
    if (item === undefined) {
      this.found.delete(featureName);
      this.missing?.set(featureName, entry);
    } else {
      this.missing?.delete(featureName);
      this.found.set(featureName, entry);
    }
  }

  invalidate(featureName: string, now: number): void {
    const entry = this.found.peek(featureName) ?? this.missing?.peek(featureName);
    if (entry !== undefined) entry.invalidatedAt ??= now;
  }

  invalidateAll(now: number): void {
    for (const entry of this.found.values()) entry.invalidatedAt ??= now;
    if (this.missing !== undefined) for (const entry of this.missing.values()) entry.invalidatedAt ??= now;
  }

  /** Drops what is known of the flag: after a write, the value before it is not worth serving. */
  forget(featureName: string): void {
    this.found.delete(featureName);
    this.missing?.delete(featureName);
  }

  clear(): void {
    this.found.clear();
    this.missing?.clear();
  }
}
