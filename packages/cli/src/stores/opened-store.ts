import type { FeatureFlagStore } from '@flipper-client/core/store';
import type { StoreSpec } from '../store-url.js';

/** A store opened from a URL, with what closing it takes (the store, then the driver's client). */
export interface OpenedStore {
  readonly store: FeatureFlagStore;
  readonly spec: StoreSpec;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Longest wait for the backend in one call. */
  readonly timeoutMs: number;
  /** The store will be watched: a network store keeps its change feed as current as it can. */
  readonly forWatch: boolean;
}
