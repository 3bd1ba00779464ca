import { StoreError, type ChangeListeners, type FlipperError } from '@flipper-client/core/store';
import { backoffDelay, sleep } from './backoff.js';
import type { ConsulKv, IndexedRead, KvPair } from './consul-kv.js';
import type { FlagKeys } from './flag-keys.js';
import type { LocalCopy } from './local-copy.js';
import type { ResolvedConsulStoreOptions } from './options.js';

/** What the watch knows about itself, for health checks and logs. */
export interface WatchStatus {
  /** The first full read has been applied. */
  readonly synced: boolean;
  /** The last watch request succeeded. */
  readonly healthy: boolean;
  /** `X-Consul-Index` of the last snapshot applied (0 before the first). */
  readonly index: number;
  /** `Date.now()` of the last successful watch request (0 before the first). */
  readonly lastSuccessAt: number;
  /** Failed requests in a row. */
  readonly failures: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Keeps the local copy current with blocking queries on the prefix, following Consul's rules
 * for clients: block on the last `X-Consul-Index`; when an index comes back lower than the one
 * held, the data was reset, so take the answer as a fresh snapshot and read once more without an
 * index; after any failure, wait (doubling, with jitter) and re-read without an index, which
 * notices a reset at once instead of waiting out a blocking query on an index that no longer
 * exists. Only this loop applies snapshots, so they land in order.
 */
export class WatchLoop {
  private stopped = false;
  private synced = false;
  private healthy = false;
  private index = 0;
  private lastSuccessAt = 0;
  private lastStartAt = 0;
  private failures = 0;
  private blockNext = false;
  private refreshRequested = false;
  private inFlight: { controller: AbortController; blocking: boolean } | undefined;
  private pause = new AbortController();
  private refreshWaiters: Waiter[] = [];
  private readonly readyPromise: Promise<void>;
  private readyWaiter!: Waiter;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly storeName: string,
    private readonly kv: ConsulKv,
    private readonly keys: FlagKeys,
    private readonly copy: LocalCopy,
    private readonly listeners: ChangeListeners,
    private readonly options: ResolvedConsulStoreOptions,
  ) {
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.readyWaiter = { resolve, reject };
    });
    // A ready() nobody awaits must not become an unhandled rejection when the store closes.
    this.readyPromise.catch(() => undefined);
  }

  start(): void {
    this.running = this.run();
  }

  get status(): WatchStatus {
    const { synced, healthy, index, lastSuccessAt, failures } = this;
    return { synced, healthy, index, lastSuccessAt, failures };
  }

  /** The copy may answer reads: synced, open, and not stale past `maxStalenessMs`. */
  get current(): boolean {
    if (!this.synced || this.stopped) return false;
    return this.healthy || Date.now() - this.lastSuccessAt <= this.options.maxStalenessMs;
  }

  ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Resolves once a snapshot requested after this call is applied (cutting short a long poll). */
  refresh(): Promise<void> {
    if (this.stopped) return Promise.reject(closedError(this.storeName));
    return new Promise((resolve, reject) => {
      this.refreshWaiters.push({ resolve, reject });
      this.refreshRequested = true;
      if (this.inFlight?.blocking === true) this.inFlight.controller.abort();
      this.wake();
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.inFlight?.controller.abort();
    this.wake();
    await this.running;
    this.readyWaiter.reject(closedError(this.storeName));
    for (const waiter of this.refreshWaiters.splice(0)) waiter.reject(closedError(this.storeName));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      await this.pace();
      if (this.stopped) break;
      const refreshing = this.refreshRequested;
      this.refreshRequested = false;
      const waiters = this.refreshWaiters.splice(0);
      const blocking = this.blockNext && !refreshing ? { index: this.index, waitMs: this.options.waitTimeMs } : undefined;
      const controller = new AbortController();
      this.inFlight = { controller, blocking: blocking !== undefined };
      const startedAt = this.copy.snapshotStart();
      this.lastStartAt = Date.now();
      try {
        const read = await this.kv.list(this.keys.prefix, blocking, controller.signal);
        this.inFlight = undefined;
        this.apply(read, startedAt);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.inFlight = undefined;
        if (this.stopped) {
          for (const waiter of waiters) waiter.reject(closedError(this.storeName));
          break;
        }
        if (controller.signal.aborted) {
          // Cut short for a refresh: not a failure. The next read starts at once, unblocked.
          this.refreshWaiters.unshift(...waiters);
          continue;
        }
        const failure = this.fail(error);
        for (const waiter of waiters) waiter.reject(failure);
        await sleep(backoffDelay(this.failures, this.options.initialDelayMs, this.options.maxDelayMs), this.pause.signal);
      }
    }
  }

  private apply(read: IndexedRead<KvPair[]>, startedAt: number): void {
    const wentBack = this.index > 0 && read.index < this.index;
    const snapshot = read.result.flatMap((pair) => {
      const name = this.keys.nameOf(pair.Key);
      return name === undefined ? [] : [{ name, text: pair.Value ?? '' }];
    });
    const outcome = this.copy.applySnapshot(snapshot, startedAt);
    this.index = read.index;
    this.blockNext = !wentBack && !outcome.recheck;
    this.healthy = true;
    this.failures = 0;
    this.lastSuccessAt = Date.now();
    const first = !this.synced;
    this.synced = true;
    this.listeners.notifyFlags(outcome.changed);
    if (wentBack) this.listeners.notify({ kind: 'all' });
    for (const invalid of outcome.invalid) this.report(invalid);
    if (first) this.readyWaiter.resolve();
  }

  private fail(error: unknown): StoreError {
    this.healthy = false;
    this.failures += 1;
    this.blockNext = false;
    const message = error instanceof Error ? error.message : String(error);
    const failure = new StoreError(this.storeName, 'watch', `reading ${JSON.stringify(this.keys.prefix)} failed ${this.failures} time(s) in a row, retrying: ${message}`, {
      cause: error,
    });
    this.report(failure);
    return failure;
  }

  private report(error: FlipperError): void {
    try {
      this.options.onError(error);
    } catch {
      // The error hook's own failure must not stop the watch.
    }
  }

  /** Spaces request starts by `minWatchIntervalMs`, except for a refresh someone awaits. */
  private async pace(): Promise<void> {
    if (this.refreshRequested) return;
    const gap = this.lastStartAt + this.options.minWatchIntervalMs - Date.now();
    await sleep(gap, this.pause.signal);
  }

  /** Cuts short a pacing or back-off pause. */
  private wake(): void {
    this.pause.abort();
    this.pause = new AbortController();
  }
}

function closedError(storeName: string): StoreError {
  return new StoreError(storeName, 'watch', 'the store was closed');
}
