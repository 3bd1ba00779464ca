import type { Closable, FeatureFlagStore, FlipperError, Readiness, SyncReadable } from '@flipper-client/core/store';

/**
 * The cached store as these tests see it, declared here rather than imported so that this
 * package does not depend on `@flipper-client/store-cached` (whose own tests depend on this
 * package). The wiring's `createCache` makes the real one; the compiler checks it fits.
 */
export type CachedStoreUnderTest = FeatureFlagStore &
  SyncReadable &
  Readiness &
  Closable & {
    /** Loads every flag into a mirror kept current by the inner store's change feed. */
    preload(): Promise<void>;
  };

/** What the cache reports with an absorbed failure. */
export interface CacheErrorReport {
  readonly operation: string;
  readonly featureName: string | undefined;
  readonly servedStale: boolean;
}

/** The cached store's options that these tests set. */
export interface CacheSettings {
  size?: number;
  missingSize?: number;
  ttlMs?: number;
  maxStaleMs?: number;
  closeInner?: boolean;
  onError?: (error: FlipperError, context: CacheErrorReport) => void;
}

/** Makes the cached store under test: `(inner, settings) => new CachedFeatureFlagStore(inner, settings)`. */
export type CreateCache = (inner: FeatureFlagStore, settings: CacheSettings) => CachedStoreUnderTest;
