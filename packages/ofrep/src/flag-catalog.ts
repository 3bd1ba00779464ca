import { ChangeListeners, compareCodePoints, hasChangeFeed, type FeatureFlagStore, type StoreChange, type StoreChangeListener, type Unsubscribe } from '@flipper-client/core/store';

/**
 * The names of the stored flags, for bulk evaluation: the flags themselves are read through
 * the store on every request (a cached store serves them from its mirror), only the listing
 * is kept. Over a store with a change feed the names follow the feed (a changed name is added,
 * a name whose read finds nothing is dropped by `forget`, "changes may have been missed" lists
 * again); without one the listing is read again when it is older than `relistMs`. Concurrent
 * requests share one listing.
 */
export class FlagCatalog {
  /** Whether changes reach this catalog (and the event streams) as they happen. */
  readonly live: boolean;
  private readonly listeners = new ChangeListeners();
  private names: Set<string> | undefined;
  private sorted: readonly string[] | undefined;
  private listedAt = 0;
  private listing: Promise<readonly string[]> | undefined;
  private stale = false;
  /** Names the feed reported while a listing ran: the listing may have missed them. */
  private readonly reportedDuringListing = new Set<string>();
  private unsubscribe: Unsubscribe | undefined;
  private closed = false;
  /** Counts the changes the feed reported and the listings made: equal counts, nothing changed in between. */
  private changes = 0;

  constructor(
    private readonly store: FeatureFlagStore,
    private readonly relistMs: number,
  ) {
    this.live = hasChangeFeed(store);
  }

  /** Every stored flag's name, in code point order (corrupt documents included: bulk reports them). */
  current(): Promise<readonly string[]> {
    this.subscribe();
    const fresh = this.names !== undefined && !this.stale && (this.live || Date.now() - this.listedAt < this.relistMs);
    if (fresh) return Promise.resolve((this.sorted ??= [...this.names!].sort(compareCodePoints)));
    return (this.listing ??= this.list().finally(() => (this.listing = undefined)));
  }

  /**
   * While the feed is followed, a number that moves on every change it reports (and every
   * listing); undefined when changes may pass unseen (no feed, not subscribed, closed).
   */
  get generation(): number | undefined {
    return this.unsubscribe === undefined ? undefined : this.changes;
  }

  /** A flag that a read found missing: out of the listing until a change names it again. */
  forget(featureName: string): void {
    this.changes++;
    if (this.names?.delete(featureName) === true) this.sorted = undefined;
  }

  /** Hears every change the store's feed reports (nothing without a feed), after the catalog took it in. */
  watch(listener: StoreChangeListener): Unsubscribe {
    this.subscribe();
    return this.listeners.add(listener);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.listeners.clear();
  }

  private subscribe(): void {
    if (this.unsubscribe !== undefined || this.closed || !hasChangeFeed(this.store)) return;
    this.unsubscribe = this.store.watch((change) => this.changed(change));
  }

  private changed(change: StoreChange): void {
    this.changes++;
    if (change.kind === 'all') this.stale = true;
    else if (this.listing !== undefined) this.reportedDuringListing.add(change.featureName);
    else if (this.names !== undefined && !this.names.has(change.featureName)) {
      this.names.add(change.featureName);
      this.sorted = undefined;
    }
    this.listeners.notify(change);
  }

  private async list(): Promise<readonly string[]> {
    this.changes++;
    this.stale = false;
    this.reportedDuringListing.clear();
    const names = new Set<string>();
    const started = Date.now();
    for await (const item of this.store.list({ onInvalid: (error) => error.featureName !== undefined && names.add(error.featureName) })) {
      names.add(item.featureName);
    }
    for (const name of this.reportedDuringListing) names.add(name);
    this.reportedDuringListing.clear();
    this.names = names;
    this.listedAt = started;
    this.sorted = [...names].sort(compareCodePoints);
    return this.sorted;
  }
}
