import type { ChangeListeners, FeatureFlagStore, FeatureFlagStoreItem, FlipperError } from '@flipper-client/core/store';
import { BackoffRunner } from './backoff-runner.js';
import { loadEverything, type ChangeRecorder } from './full-load.js';
import { readEntry, type MirrorEntry } from './mirror-entry.js';
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
 * inner store fails. Meanwhile the copy keeps answering with what it last knew. A corrupt
 * document is no failure of the store: the flag's entry becomes its decode error, and only that
 * flag is affected.
 */
export class LocalMirror {
  /** Every flag, once loaded; a name that is absent is known to be missing. */
  private entries: Map<string, MirrorEntry> | undefined;
  private readonly recorders = new Set<ChangeRecorder>();
  private readonly resync: BackoffRunner;

  constructor(private readonly deps: LocalMirrorDeps) {
    this.resync = new BackoffRunner(
      () => this.reload(),
      (error) => deps.report(error, { operation: 'resync', featureName: undefined, servedStale: true }),
    );
  }

  /** True once a load was installed, until `stop()`. */
  get loaded(): boolean {
    return this.entries !== undefined;
  }

  /** The flag as `get` answers it; throws the decode error kept for a corrupt document. Needs `loaded`. */
  read(featureName: string): Read {
    return readEntry(this.entries?.get(featureName));
  }

  /**
   * Lists every flag and hands them to `install` at a moment when no change heard meanwhile is
   * missing from them. Changes must be passed to `record`/`changesMissed` while it runs.
   */
  load(operation: 'preload' | 'resync', install: (entries: Map<string, MirrorEntry>) => void): Promise<void> {
    return loadEverything({
      inner: this.deps.inner,
      storeName: this.deps.storeName,
      recorders: this.recorders,
      onInvalid: (error) => this.deps.report(error, { operation, featureName: error.featureName, servedStale: false }),
      install,
    });
  }

  /** Makes the loaded `entries` the mirror. */
  install(entries: Map<string, MirrorEntry>): void {
    this.entries = entries;
  }

  /** A flag changed: a load in progress reads it again. */
  record(featureName: string): void {
    for (const recorder of this.recorders) recorder.names.add(featureName);
  }

  /** Changes may have been missed: a load in progress starts over, a loaded mirror reloads. */
  changesMissed(): void {
    for (const recorder of this.recorders) recorder.all = true;
    if (this.entries !== undefined) this.resync.runNow();
  }

  /** What the flag is now; `current` reads the entry held before (`undefined` when absent or corrupt). */
  put(featureName: string, next: (current: Read) => MirrorEntry | undefined): void {
    if (this.entries === undefined) return;
    const held = this.entries.get(featureName);
    const entry = next(held instanceof Error ? undefined : held);
    if (entry === undefined) this.entries.delete(featureName);
    else this.entries.set(featureName, entry);
  }

  settle(flight: Flight, entry: MirrorEntry | undefined, current: boolean): void {
    this.put(flight.featureName, () => entry);
    if (!current) {
      // Still changing: the newest read is in, and another read follows for what came after it.
      this.deps.flights.join(flight.featureName).announce ||= flight.announce;
    } else if (flight.announce) {
      this.deps.listeners.notify({ kind: 'flag', featureName: flight.featureName });
    }
  }

  /** The flag's document could not be decoded: that flag's entry becomes the error, reported once. */
  invalid(flight: Flight, error: FlipperError, current: boolean): void {
    this.deps.report(error, { operation: 'refresh', featureName: flight.featureName, servedStale: false });
    this.settle(flight, error, current);
  }

  failed(flight: Flight, error: unknown): void {
    this.deps.report(error, { operation: 'refresh', featureName: flight.featureName, servedStale: true });
    this.resync.runLater();
  }

  stop(): void {
    this.resync.stop();
    this.entries = undefined;
  }

  private async reload(): Promise<void> {
    await this.load('resync', (entries) => {
      if (this.entries !== undefined) this.entries = entries;
    });
    if (this.entries !== undefined) this.deps.listeners.notify({ kind: 'all' });
  }
}
