import { StoreError, type FeatureFlagStore, type FeatureFlagStoreItem, type StoreListOptions } from '@flipper-client/core/store';

/**
 * A real store seen through a wrapper that can break its listing half-way (after `failAfter`
 * flags it throws, as a connection lost mid-SCAN would) and that counts the reads in flight at
 * once. Everything else is the wrapped store's own method.
 */
export class ListingFaults {
  /** Flags a listing yields before it throws; undefined: listings complete. */
  failAfter: number | undefined;
  listings = 0;
  getsInFlight = 0;
  maxGetsInFlight = 0;
  readonly store: FeatureFlagStore;

  constructor(inner: FeatureFlagStore) {
    this.store = new Proxy(inner, {
      get: (target, property) => {
        if (property === 'list') return (options?: StoreListOptions) => this.list(target, options);
        if (property === 'get') return (featureName: string) => this.get(target, featureName);
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  private async *list(inner: FeatureFlagStore, options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    this.listings++;
    let yielded = 0;
    for await (const item of inner.list(options)) {
      if (this.failAfter !== undefined && yielded >= this.failAfter) {
        throw new StoreError(inner.storeName, 'list', `injected failure after ${yielded} flags`);
      }
      yielded++;
      yield item;
    }
  }

  private async get(inner: FeatureFlagStore, featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    this.getsInFlight++;
    this.maxGetsInFlight = Math.max(this.maxGetsInFlight, this.getsInFlight);
    try {
      return await inner.get(featureName);
    } finally {
      this.getsInFlight--;
    }
  }
}
