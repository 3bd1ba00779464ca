import {
  ChangeListeners,
  FlipperError,
  InvalidDocumentError,
  StoreError,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type StoreChange,
} from '@flipper-client/core/store';
import { CacheEntries } from './cache-entries.js';
import { LocalMirror } from './local-mirror.js';
import type { CacheErrorContext, ResolvedCachedStoreOptions } from './options.js';
import { SingleFlight, type Flight } from './single-flight.js';

type Read = FeatureFlagStoreItem | undefined;

/**
 * What the cache knows and how changes reach it: the LRU entries before a preload, the mirror
 * after it, the flights that read through, and the listeners of the feed it passes on. Every
 * change (a feed report, a write through the cache) reaches `noteChange`, which marks a read in
 * flight for that flag to read again: no read that raced a change settles on the older value.
 */
export class CacheState {
  readonly listeners = new ChangeListeners();
  readonly entries: CacheEntries;
  readonly flights: SingleFlight;
  readonly mirror: LocalMirror;
  closed = false;

  constructor(
    private readonly inner: FeatureFlagStore,
    storeName: string,
    private readonly options: ResolvedCachedStoreOptions,
  ) {
    this.entries = new CacheEntries(options);
    this.flights = new SingleFlight({
      read: (featureName) => inner.get(featureName),
      settle: (flight, item, current) => this.settle(flight, item, current),
      fail: (flight, error) => this.flightFailed(flight, error),
    });
    this.mirror = new LocalMirror({
      inner,
      storeName,
      flights: this.flights,
      listeners: this.listeners,
      report: (error, context) => this.report(error, context),
    });
  }

  /** A read that the mirror or a fresh entry could not answer: through the inner store, once per flag at a time. */
  readThrough(featureName: string): Promise<Read> {
    const flight = this.flights.join(featureName);
    return (flight.served ??= flight.result.catch((error: unknown) => this.serveStale(featureName, error)));
  }

  /** The inner store's change feed reported `change`. */
  changed(change: StoreChange): void {
    if (this.closed) return;
    if (change.kind === 'all') {
      this.flights.markAllChanged();
      this.mirror.changesMissed();
      if (this.mirror.loaded) return; // the reload announces itself
      this.entries.invalidateAll(performance.now());
      return this.listeners.notify(change);
    }
    this.noteChange(change.featureName);
    if (this.mirror.loaded) {
      this.flights.join(change.featureName).announce = true;
      return;
    }
    this.entries.invalidate(change.featureName, performance.now());
    this.listeners.notify(change);
  }

  /** A write through the cache landed; resolves once the cache shows it (read-your-writes). */
  async written(featureName: string, provisional: (current: Read) => Read): Promise<void> {
    this.noteChange(featureName);
    if (!this.mirror.loaded) {
      // The next get reads through: the value before the write is not worth serving, even stale.
      this.entries.forget(featureName);
      return;
    }
    try {
      await this.flights.join(featureName).result;
    } catch (error) {
      // A corrupt document read back is already the flag's entry (see `flightFailed`).
      if (error instanceof InvalidDocumentError) return;
      // Reported by the flight; until the resync corrects it, show what the write made.
      this.mirror.put(featureName, provisional);
    }
  }

  /** A write failed, and may have landed all the same (a timeout): what was known is no longer fresh. */
  writeFailed(featureName: string): void {
    this.noteChange(featureName);
    if (this.mirror.loaded) this.flights.join(featureName);
    else this.entries.invalidate(featureName, performance.now());
  }

  report(error: unknown, context: CacheErrorContext): void {
    const onError = this.options.onError;
    if (onError === undefined) return;
    const message = error instanceof Error ? error.message : String(error);
    const reported =
      error instanceof FlipperError
        ? error
        : new StoreError(this.inner.storeName, context.operation, message, { featureName: context.featureName, cause: error });
    try {
      onError(reported, context);
    } catch {
      // The listener's failure is its own; the cache has already done what it reports.
    }
  }

  close(): void {
    this.closed = true;
    this.mirror.stop();
    this.entries.clear();
    this.flights.clear();
    this.listeners.clear();
  }

  private noteChange(featureName: string): void {
    this.flights.markChanged(featureName);
    this.mirror.record(featureName);
  }

  private settle(flight: Flight, item: Read, current: boolean): void {
    if (this.closed) return;
    if (this.mirror.loaded) this.mirror.settle(flight, item, current);
    else this.entries.store(flight.featureName, item, performance.now(), !current);
  }

  private flightFailed(flight: Flight, error: unknown): void {
    // Without the mirror, the callers of get serve stale or reject.
    if (this.closed || !this.mirror.loaded) return;
    // A corrupt document is an answer about the flag, not a failure to reach the store.
    if (error instanceof InvalidDocumentError) this.mirror.invalid(flight, error, !flight.changed);
    else this.mirror.failed(flight, error);
  }

  private serveStale(featureName: string, error: unknown): Read {
    // A corrupt document is an answer about the flag, not a failure to reach it.
    const known = error instanceof InvalidDocumentError ? undefined : this.entries.lastKnown(featureName, performance.now());
    if (known === undefined) throw error;
    this.report(error, { operation: 'get', featureName, servedStale: true });
    return known.item;
  }
}
