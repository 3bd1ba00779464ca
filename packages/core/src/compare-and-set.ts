import { FlagDoesNotExistError, UpdateConflictError } from './errors.js';
import type { FeatureFlagStoreItem } from './item.js';
import type { ItemChange } from './store.js';

/** A read with the version a conditional write compares against (an ETag, a ModifyIndex...). */
export interface VersionedItem<Version> {
  item: FeatureFlagStoreItem;
  version: Version;
}

export interface CompareAndSetOptions<Version> {
  storeName: string;
  featureName: string;
  change: ItemChange;
  read(): Promise<VersionedItem<Version> | undefined>;
  /** Writes `next` if the stored version is still `expected`; resolves false on a lost race. */
  write(next: FeatureFlagStoreItem, expected: Version): Promise<boolean>;
  /** Attempts before giving up with `UpdateConflictError`; default 50. */
  maxAttempts?: number;
}

/**
 * The retry loop behind every store's `update`: read, apply the change, write conditionally, and
 * start over when another writer got there first. Waits a short random time between attempts so
 * that many writers on one flag spread out instead of colliding again in lockstep.
 */
export async function updateWithCompareAndSet<Version>(
  options: CompareAndSetOptions<Version>,
): Promise<FeatureFlagStoreItem> {
  const maxAttempts = options.maxAttempts ?? 50;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await options.read();
    if (current === undefined) throw new FlagDoesNotExistError(options.featureName);
    const next = options.change(current.item);
    if (await options.write(next, current.version)) return next;
    const ceiling = Math.min(2 ** attempt, 50);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
  throw new UpdateConflictError(options.featureName, options.storeName, maxAttempts);
}
