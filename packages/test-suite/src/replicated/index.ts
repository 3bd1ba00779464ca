/**
 * `@flipper-client/test-suite/replicated`: the replicated store's behaviour tests over any
 * backend (a primary and two replicas, each over its own data), so an integration suite runs
 * them over real stores in a few lines:
 *
 *     describeReplicatedStoreBehaviour('redis', {
 *       createReplicated: (primary, replicas, settings) => new ReplicatedFeatureFlagStore(primary, replicas, settings),
 *       createStores: async (replicaCount) => ({ primary, replicas, cleanup }),
 *     });
 */
import { describe } from '@jest/globals';
import { ReplicatedBehaviourContext, type ReplicatedBehaviourOptions } from './context.js';
import { registerFailureTests } from './failures.js';
import { registerModeTests } from './modes.js';
import { registerReadTests } from './reads.js';
import { registerWholeDocumentWriteTests } from './whole-document-writes.js';
import { registerWriteTests } from './writes.js';

export type { ReplicatedBehaviourOptions, ReplicatedStoresHandle, ReplicationUnderTest } from './context.js';
export type { CreateReplicated, ReplicatedStoreUnderTest, ReplicationReport, ReplicationSettings } from './subject.js';

/** Registers the replicated store's behaviour tests over the stores `createStores` makes. */
export function describeReplicatedStoreBehaviour(name: string, options: ReplicatedBehaviourOptions): void {
  describe(`replicated store over ${name}`, () => {
    const ctx = new ReplicatedBehaviourContext(options);
    registerWriteTests(ctx);
    registerFailureTests(ctx);
    registerModeTests(ctx);
    registerReadTests(ctx);
    if (options.wholeDocumentWrites !== false) registerWholeDocumentWriteTests(ctx);
  });
}
