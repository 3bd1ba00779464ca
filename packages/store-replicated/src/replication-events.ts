import type { FeatureFlagStore, FlipperError } from '@flipper-client/core/store';
import type { ReplicatedOperation } from './options.js';

export interface ReplicationOutcome {
  readonly featureName: string;
  readonly operation: ReplicatedOperation;
  readonly replica: FeatureFlagStore;
  /** The replica's position in the list given to the constructor. */
  readonly replicaIndex: number;
  readonly durationMs: number;
}

export interface ReplicatedEvent extends ReplicationOutcome {
  readonly type: 'replicated';
}

export interface ReplicationErrorEvent extends ReplicationOutcome {
  readonly type: 'replication_error';
  readonly error: FlipperError;
  /** The replica did not answer within `replicationTimeoutMs`; its write may still land. */
  readonly timedOut: boolean;
}

export type ReplicationEvent = ReplicatedEvent | ReplicationErrorEvent;
export type ReplicationEventType = ReplicationEvent['type'];
export type ReplicationEventListener<T extends ReplicationEventType> = (event: Extract<ReplicationEvent, { type: T }>) => void;

/** Outcomes of replica writes, for monitoring: `replicated` for each success, `replication_error` for each failure. */
export class ReplicationEvents {
  private readonly listeners: { [T in ReplicationEventType]: Set<ReplicationEventListener<T>> } = {
    replicated: new Set(),
    replication_error: new Set(),
  };

  on<T extends ReplicationEventType>(type: T, listener: ReplicationEventListener<T>): void {
    this.listeners[type].add(listener);
  }

  off<T extends ReplicationEventType>(type: T, listener: ReplicationEventListener<T>): void {
    this.listeners[type].delete(listener);
  }

  emit(event: ReplicationEvent): void {
    const listeners = this.listeners[event.type] as Set<(event: ReplicationEvent) => void>;
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own: the write and the other listeners go on.
      }
    }
  }
}
