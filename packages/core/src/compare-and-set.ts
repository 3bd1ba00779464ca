import { FlagDoesNotExistError, UpdateConflictError } from './errors.js';
import { FeatureFlagStoreItem } from './item.js';
import type { ItemChange } from './store.js';

/** A read with the version a conditional write compares against (an ETag, a ModifyIndex...). */
export interface VersionedItem<Version> {
  item: FeatureFlagStoreItem;
  version: Version;
}

/** The conditional read and write of a store, shared by {@link updateWithCompareAndSet} and {@link setOrCreate}. */
export interface ConditionalAccess<Version> {
  /** Names the store in `UpdateConflictError`. */
  storeName: string;
  featureName: string;
  /** The stored flag with its version, or `undefined` when it is not stored. */
  read(): Promise<VersionedItem<Version> | undefined>;
  /** Writes `next` if the stored version is still `expected`; resolves false on a lost race. */
  write(next: FeatureFlagStoreItem, expected: Version): Promise<boolean>;
  /** Attempts before giving up with `UpdateConflictError`; default 50. */
  maxAttempts?: number;
}

export interface CompareAndSetOptions<Version> extends ConditionalAccess<Version> {
  change: ItemChange;
}

export interface SetOrCreateOptions<Version> extends ConditionalAccess<Version> {
  isEnabled: boolean;
  /**
   * Writes `item` only if the flag is still not stored (`If-None-Match: *`, `?cas=0`, SET NX);
   * resolves false when another writer created it first, and the loop then switches theirs.
   */
  create(item: FeatureFlagStoreItem): Promise<boolean>;
}

const DEFAULT_ATTEMPTS = 50;

/**
 * Reads, computes the next item (or, for a missing flag, asks `missing` for a write of its own)
 * and writes conditionally, starting over after a lost race. Waits a short random time between
 * attempts so that many writers on one flag spread out instead of colliding again in lockstep.
 */
async function retryConditionalWrites<Version>(
  access: ConditionalAccess<Version>,
  next: (current: FeatureFlagStoreItem) => FeatureFlagStoreItem,
  missing: () => Promise<FeatureFlagStoreItem | undefined>,
): Promise<FeatureFlagStoreItem> {
  const maxAttempts = access.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await access.read();
    if (current === undefined) {
      const created = await missing();
      if (created !== undefined) return created;
    } else {
      const written = next(current.item);
      if (await access.write(written, current.version)) return written;
    }
    const ceiling = Math.min(2 ** attempt, 50);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
  throw new UpdateConflictError(access.featureName, access.storeName, maxAttempts);
}

/**
 * The retry loop behind a compare-and-set store's `update`: read, apply the change, write
 * conditionally, and start over when another writer got there first. Rejects with
 * `FlagDoesNotExistError` for a missing flag, with what `change` throws (nothing written), and
 * with `UpdateConflictError` after `maxAttempts` lost races.
 */
export function updateWithCompareAndSet<Version>(options: CompareAndSetOptions<Version>): Promise<FeatureFlagStoreItem> {
  return retryConditionalWrites(options, options.change, () => Promise.reject(new FlagDoesNotExistError(options.featureName)));
}

/**
 * The retry loop behind a compare-and-set store's `set`: switches a stored flag as `update`
 * would (keeping its metadata), and creates a missing one with `create`, which must not
 * overwrite a flag another writer created meanwhile. Resolves to the item written.
 */
export function setOrCreate<Version>(options: SetOrCreateOptions<Version>): Promise<FeatureFlagStoreItem> {
  const { featureName, isEnabled } = options;
  return retryConditionalWrites(
    options,
    (current) => current.withEnabled(isEnabled),
    async () => {
      const created = new FeatureFlagStoreItem(featureName, isEnabled);
      return (await options.create(created)) ? created : undefined;
    },
  );
}
