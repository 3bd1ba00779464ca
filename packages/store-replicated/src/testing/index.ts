/**
 * Test kit of the replicated store. `describeReplicatedStoreBehaviour` registers the replicated
 * store's own tests over any backend (a primary and two replicas, each over its own data), so
 * an integration suite runs them over real stores in a few lines:
 *
 *     describeReplicatedStoreBehaviour('redis', { createStores: async (n) => ({ primary, replicas, cleanup }) });
 *
 * `FaultyStore` (from `@flipper-client/core/testing`) wraps any store to count, log, fail, hang, slow or hold its calls.
 */
import { describe } from '@jest/globals';
import { ReplicatedBehaviourContext, type ReplicatedBehaviourOptions } from './context.js';
import { registerFailureTests } from './failures.js';
import { registerModeTests } from './modes.js';
import { registerReadTests } from './reads.js';
import { registerWriteTests } from './writes.js';

export type { ReplicatedBehaviourOptions, ReplicatedStoresHandle, ReplicationUnderTest } from './context.js';
export { FaultyStore, Gate, WRITE_OPERATIONS, type LoggedWrite, type StoreOperation } from '@flipper-client/core/testing';

export function describeReplicatedStoreBehaviour(name: string, options: ReplicatedBehaviourOptions): void {
  describe(`replicated store over ${name}`, () => {
    const ctx = new ReplicatedBehaviourContext(options);
    registerWriteTests(ctx);
    registerFailureTests(ctx);
    registerModeTests(ctx);
    registerReadTests(ctx);
  });
}
