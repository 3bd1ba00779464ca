export { ReplicatedFeatureFlagStore } from './replicated-store.js';
export type { ReplicatedOperation, ReplicatedStoreOptions, ReplicationErrorListener } from './options.js';
export { ReplicationEvents } from './replication-events.js';
export type {
  ReplicatedEvent,
  ReplicationErrorEvent,
  ReplicationEvent,
  ReplicationEventListener,
  ReplicationEventType,
  ReplicationOutcome,
} from './replication-events.js';
