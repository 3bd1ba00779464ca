import type { Closable, FeatureFlagStore, FlipperError } from '@flipper-client/core/store';

/** A replica write's outcome as the replicated store reports it on its `events`. */
export interface ReplicationReport {
  readonly type: 'replicated' | 'replication_error';
  readonly featureName: string;
  readonly operation: string;
  readonly replicaIndex: number;
  readonly durationMs: number;
  /** `replication_error` only. */
  readonly error?: FlipperError;
  /** `replication_error` only: the replica did not answer in time. */
  readonly timedOut?: boolean;
}

/**
 * The replicated store as these tests see it, declared here rather than imported so that this
 * package does not depend on `@flipper-client/store-replicated` (whose own tests depend on this
 * package). The wiring's `createReplicated` makes the real one; the compiler checks it fits.
 */
export type ReplicatedStoreUnderTest = FeatureFlagStore &
  Closable & {
    /** Resolves once every background replica write queued so far has settled. */
    flush(): Promise<void>;
    readonly events: {
      on(type: 'replicated' | 'replication_error', listener: (event: ReplicationReport) => void): void;
    };
  };

/** The replicated store's options that these tests set. */
export interface ReplicationSettings {
  asynch?: boolean;
  replicationTimeoutMs?: number;
  closeStores?: boolean;
  onReplicationError?: (error: FlipperError, replica: FeatureFlagStore, operation: string, featureName: string) => void;
}

/** Makes the store under test: `(primary, replicas, settings) => new ReplicatedFeatureFlagStore(primary, replicas, settings)`. */
export type CreateReplicated = (
  primary: FeatureFlagStore,
  replicas: readonly FeatureFlagStore[],
  settings: ReplicationSettings,
) => ReplicatedStoreUnderTest;
