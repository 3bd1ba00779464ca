import type { FeatureFlagStore, FeatureFlagStoreItem } from '@flipper-client/core';
import { BackoffRunner } from './backoff-runner.js';
import type { ChangeListeners } from './change-listeners.js';
import { loadEverything, type ChangeRecorder } from './full-load.js';
import type { CacheErrorContext } from './options.js';
import type { Flight, SingleFlight } from './single-flight.js';

type Read = FeatureFlagStoreItem | undefined;

export interface LocalMirrorDeps {
  inner: FeatureFlagStore;
  storeName: string;
  flights: SingleFlight;
  listeners: ChangeListeners;
  report(error: unknown, context: CacheErrorContext): void;
}

/**
 * The complete local copy that `preload()` makes over a store with a change feed. Each change
 * the feed reports is read again (one flight per flag, so applies stay in order); a report that
 * changes were missed, or a failed read, brings a full reload, retried with backoff while the
 * inner store fails. Meanwhile the copy keeps answering with what it last knew.
 */
export class LocalMirror {
  /** Every flag, once loaded; a name that is absent is known to be missing. */
  items: Map<string, FeatureFlagStoreItem> | undefined;
  private readonly recorders = new Set<ChangeRecorder>();
  private readonly resync: BackoffRunner;

  constructor(private readonly deps: LocalMirrorDeps) {
    this.resync = new BackoffRunner(
      () => this.reload(),
      (error) => deps.report(error, { operation: 'resync', featureName: undefined, servedStale: true }),
    );
  }

  /**
   * Lists every flag and hands them to `install` at a moment when no change heard meanwhile is
   * missing from them. Changes must be passed to `record`/`changesMissed` while it runs.
   */
  load(operation: 'preload' | 'resync', install: (items: Map<string, FeatureFlagStoreItem>) => void): Promise<void> {
    return loadEverything({
      inner: this.deps.inner,
      storeName: this.deps.storeName,
      recorders: this.recorders,
      onInvalid: (error) => this.deps.report(error, { operation, featureName: error.featureName, servedStale: false }),
      install,
    });
  }

  /** A flag changed: a load in progress reads it again. */
  record(featureName: string): void {
    for (const recorder of this.recorders) recorder.names.add(featureName);
  }

  /** Changes may have been missed: a load in progress starts over, a loaded mirror reloads. */
  changesMissed(): void {
    for (const recorder of this.recorders) recorder.all = true;
    if (this.items !== undefined) this.resync.runNow();
  }

  put(featureName: string, item: Read): void {
    if (this.items === undefined) return;
    if (item === undefined) this.items.delete(featureName);
    else this.items.set(featureName, item);
  }

  settle(flight: Flight, item: Read, current: boolean): void {
    this.put(flight.featureName, item);
    if (!current) {
      // Still changing: the newest read is in, and another read follows for what came after it.
      this.deps.flights.join(flight.featureName).announce ||= flight.announce;
    } else if (flight.announce) {
      this.deps.listeners.emit({ kind: 'flag', featureName: flight.featureName });
    }
  }

  failed(flight: Flight, error: unknown): void {
    this.deps.report(error, { operation: 'refresh', featureName: flight.featureName, servedStale: true });
    this.resync.runLater();
  }

  stop(): void {
    this.resync.stop();
    this.items = undefined;
  }

  private async reload(): Promise<void> {
    await this.load('resync', (items) => {
      if (this.items !== undefined) this.items = items;
    });
    if (this.items !== undefined) this.deps.listeners.emit({ kind: 'all' });
  }
}
