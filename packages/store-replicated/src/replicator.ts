import { FlipperError, StoreError, type FeatureFlagStore } from '@flipper-client/core/store';
import { KeyedQueue } from './keyed-queue.js';
import type { ReplicatedOperation, ResolvedReplicatedStoreOptions } from './options.js';
import { copyFromPrimary } from './replica-writes.js';
import { ReplicationEvents, type ReplicationOutcome } from './replication-events.js';

export type ReplicaWrite = (replica: FeatureFlagStore) => Promise<void>;

const TIMED_OUT = Symbol('timed out');
/** Copies after a timeout that may follow each other when the replica stays slower than the timeout. */
const MAX_RESYNCS = 3;

/**
 * Sends writes to the replicas: one queue per replica, in order per flag, each write bounded by
 * the timeout, every outcome reported. A write that timed out may still land later, out of
 * order: once it settles, the replica's flag is copied from the primary, which restores it.
 */
export class Replicator {
  readonly events = new ReplicationEvents();
  private readonly queues: KeyedQueue[];
  private stopped = false;

  constructor(
    private readonly primary: FeatureFlagStore,
    private readonly replicas: readonly FeatureFlagStore[],
    private readonly options: ResolvedReplicatedStoreOptions,
  ) {
    this.queues = replicas.map(() => new KeyedQueue());
  }

  /** Queues the write on every replica; resolves when each has succeeded, failed or timed out. Never rejects. */
  replicate(featureName: string, operation: ReplicatedOperation, write: ReplicaWrite): Promise<void> {
    const done = this.replicas.map((_, index) =>
      this.queues[index]!.push(featureName, () => this.run(index, featureName, operation, write)),
    );
    return Promise.all(done).then(() => undefined);
  }

  /** Resolves when every replica write queued so far is done (or timed out). */
  async flush(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.drain()));
  }

  private async run(
    index: number,
    featureName: string,
    operation: ReplicatedOperation,
    write: ReplicaWrite,
    resyncs = 0,
  ): Promise<void> {
    const replica = this.replicas[index]!;
    const started = performance.now();
    const call = new Promise<void>((resolve) => resolve(write(replica)));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.options.replicationTimeoutMs);
    });
    const outcome = await Promise.race([call.then(() => undefined, (error: unknown) => ({ error })), deadline]);
    clearTimeout(timer);
    const base: ReplicationOutcome = { featureName, operation, replica, replicaIndex: index, durationMs: performance.now() - started };
    if (outcome === undefined) return this.events.emit({ type: 'replicated', ...base });
    if (outcome === TIMED_OUT) {
      const message = `no answer within ${this.options.replicationTimeoutMs} ms; the flag is copied from the primary once it answers`;
      this.fail(base, new StoreError(replica.storeName, operation, message, { featureName }), true);
      if (resyncs < MAX_RESYNCS) {
        const resync = (): void => void this.resyncLater(index, featureName, resyncs + 1);
        call.then(resync, resync);
      }
      return;
    }
    const error =
      outcome.error instanceof FlipperError
        ? outcome.error
        : new StoreError(replica.storeName, operation, outcome.error instanceof Error ? outcome.error.message : String(outcome.error), {
            featureName,
            cause: outcome.error,
          });
    this.fail(base, error, false);
  }

  /** No more copies after late answers: the stores may be closing. */
  stop(): void {
    this.stopped = true;
  }

  /** Copies the flag from the primary to one replica, in that replica's queue for the flag. */
  private resyncLater(index: number, featureName: string, resyncs: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return this.queues[index]!.push(featureName, () =>
      this.run(index, featureName, 'resync', (replica) => copyFromPrimary(this.primary, replica, featureName), resyncs),
    );
  }

  private fail(base: ReplicationOutcome, error: FlipperError, timedOut: boolean): void {
    try {
      this.options.onReplicationError?.(error, base.replica, base.operation, base.featureName);
    } catch {
      // The hook's failure is its own: the write stands.
    }
    this.events.emit({ type: 'replication_error', ...base, error, timedOut });
  }
}
