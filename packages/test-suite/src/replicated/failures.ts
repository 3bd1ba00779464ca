import { FeatureFlagClient, StoreError, type FlipperError } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import { WRITE_OPERATIONS } from '../faulty-store.js';
import { waitFor } from '../wait-for.js';
import type { ReplicatedBehaviourContext } from './context.js';
import type { ReplicationReport } from './subject.js';

type Reported = [FlipperError, FeatureFlagStore, string, string];

/** A replica that fails, hangs or is slow never fails the write; a primary that fails does. */
export function registerFailureTests(ctx: ReplicatedBehaviourContext): void {
  describe('failures', () => {
    it.each([false, true])('a failing replica never fails the write; the hook and the events hear of it (asynch: %s)', async (asynch) => {
      const reported: Reported[] = [];
      const { store, replicas } = ctx.setup({ asynch, onReplicationError: (...args) => reported.push(args) });
      const events: ReplicationReport[] = [];
      store.events.on('replication_error', (event) => events.push(event));
      store.events.on('replicated', (event) => events.push(event));
      replicas[0]!.fail(WRITE_OPERATIONS);
      await store.create('FAILING_REPLICA', { isEnabled: true });
      await store.flush();
      expect((await ctx.primaryBackend.get('FAILING_REPLICA'))?.enabled).toBe(true);
      await ctx.expectSameFlag(1, 'FAILING_REPLICA');
      expect(await ctx.replicaBackend(0).get('FAILING_REPLICA')).toBeUndefined();
      expect(reported.length).toBe(1);
      const [error, replica, operation, featureName] = reported[0]!;
      expect(error).toBeInstanceOf(StoreError);
      expect(replica).toBe(replicas[0]);
      expect([operation, featureName]).toEqual(['create', 'FAILING_REPLICA']);
      const failure = events.find((event) => event.type === 'replication_error');
      expect(failure).toMatchObject({ replicaIndex: 0, operation: 'create', featureName: 'FAILING_REPLICA', timedOut: false });
      expect(events.filter((event) => event.type === 'replicated').map((event) => event.replicaIndex)).toEqual([1]);
    });

    it('a hanging replica times out: the write resolves, the timeout is reported, and the flag is copied once it answers', async () => {
      const reported: Reported[] = [];
      const { store, replicas } = ctx.setup({ asynch: false, replicationTimeoutMs: 100, onReplicationError: (...args) => reported.push(args) });
      replicas[0]!.hang(WRITE_OPERATIONS);
      const started = Date.now();
      await store.create('HANGING', { clientData: { v: 1 } });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(90);
      expect(elapsed).toBeLessThan(1000);
      await ctx.expectSameFlag(1, 'HANGING');
      expect(reported.map(([error, , operation]) => [operation, error.message.includes('no answer within 100 ms')])).toEqual([['create', true]]);
      replicas[0]!.heal();
      await waitFor(async () => (await ctx.replicaBackend(0).get('HANGING')) !== undefined, 2000, 'the copy from the primary');
      await ctx.expectSameFlag(0, 'HANGING');
      expect(reported.map(([, , operation]) => operation)).toEqual(['create']);
    });

    it('waits for a slow replica within the timeout in synchronous mode', async () => {
      const { store, replicas } = ctx.setup({ asynch: false, replicationTimeoutMs: 2000 });
      replicas[0]!.slow(60);
      const started = Date.now();
      await store.create('SLOW');
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
      await ctx.expectSameFlag(0, 'SLOW');
    });

    it('rejects when the primary fails, and replicates nothing', async () => {
      const { store, primary, replicas } = ctx.setup({ asynch: false });
      await store.create('PRIMARY_FAILS');
      primary.fail(WRITE_OPERATIONS);
      const writesBefore = replicas.map((replica) => replica.log.length);
      const features = new FeatureFlagClient(store);
      await expect(store.set('PRIMARY_FAILS', true)).rejects.toBeInstanceOf(StoreError);
      await expect(features.enable('PRIMARY_FAILS')).rejects.toBeInstanceOf(StoreError);
      await expect(store.create('NEVER')).rejects.toBeInstanceOf(StoreError);
      await expect(store.delete('PRIMARY_FAILS')).rejects.toBeInstanceOf(StoreError);
      await store.flush();
      expect(replicas.map((replica) => replica.log.length)).toEqual(writesBefore);
      const writeCalls = replicas.map(({ calls }) => calls.update + calls.create + calls.delete + calls.put);
      expect(writeCalls).toEqual([1, 1]);
      expect(await ctx.replicaBackend(0).get('NEVER')).toBeUndefined();
    });

    it('survives a hook and an event listener that throw', async () => {
      const { store, replicas } = ctx.setup({
        asynch: false,
        onReplicationError: () => {
          throw new Error('hook broke');
        },
      });
      store.events.on('replication_error', () => {
        throw new Error('listener broke');
      });
      replicas[0]!.fail(['create']);
      await store.create('LOUD');
      await ctx.expectSameFlag(1, 'LOUD');
    });
  });
}
