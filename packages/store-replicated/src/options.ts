import { InvalidArgumentError, type FeatureFlagStore, type FlipperError } from '@flipper-client/core/store';

/** The write being replicated; `resync` is the copy of the primary's flag after a replica timed out. */
export type ReplicatedOperation = 'create' | 'createIfAbsent' | 'set' | 'delete' | 'setMeta' | 'update' | 'put' | 'resync';

/** Hears of every replica write that failed or timed out. Must not throw. */
export type ReplicationErrorListener = (
  error: FlipperError,
  replica: FeatureFlagStore,
  operation: ReplicatedOperation,
  featureName: string,
) => void;

export interface ReplicatedStoreOptions {
  /**
   * `true` (default): a write resolves once the primary has it, and replicas catch up in the
   * background (`flush()` awaits them). `false`: a write also waits for every replica, each for
   * at most `replicationTimeoutMs`.
   */
  asynch?: boolean;
  /** How long one replica write may take before it is reported as failed; default 1000 ms. */
  replicationTimeoutMs?: number;
  onReplicationError?: ReplicationErrorListener;
  /** Whether `close()` also closes the primary and the replicas; default false. */
  closeStores?: boolean;
}

export interface ResolvedReplicatedStoreOptions {
  readonly asynch: boolean;
  readonly replicationTimeoutMs: number;
  readonly onReplicationError: ReplicationErrorListener | undefined;
  readonly closeStores: boolean;
}

export function resolveOptions(options: ReplicatedStoreOptions): ResolvedReplicatedStoreOptions {
  const { asynch = true, replicationTimeoutMs = 1000, onReplicationError, closeStores = false } = options;
  if (typeof asynch !== 'boolean') throw new InvalidArgumentError(`replicated store: asynch must be a boolean, got ${String(asynch)}`);
  if (typeof replicationTimeoutMs !== 'number' || !(replicationTimeoutMs > 0) || !Number.isFinite(replicationTimeoutMs)) {
    throw new InvalidArgumentError(
      `replicated store: replicationTimeoutMs must be a positive number of milliseconds, got ${String(replicationTimeoutMs)}`,
    );
  }
  if (onReplicationError !== undefined && typeof onReplicationError !== 'function') {
    throw new InvalidArgumentError('replicated store: onReplicationError must be a function');
  }
  return { asynch, replicationTimeoutMs, onReplicationError, closeStores: closeStores === true };
}

export function assertStores(primary: unknown, replicas: unknown): void {
  const isStore = (value: unknown): boolean =>
    typeof value === 'object' && value !== null && typeof (value as FeatureFlagStore).get === 'function';
  if (!isStore(primary)) throw new InvalidArgumentError('replicated store: the primary must be a FeatureFlagStore');
  if (!Array.isArray(replicas) || !replicas.every(isStore)) {
    throw new InvalidArgumentError('replicated store: replicas must be an array of FeatureFlagStore');
  }
  if (replicas.includes(primary)) throw new InvalidArgumentError('replicated store: the primary cannot be its own replica');
}
