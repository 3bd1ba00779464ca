import { Condition, FlagDoesNotExistError } from '@flipper-client/core';
import { FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import { WRITE_OPERATIONS } from '../faulty-store.js';
import type { ReplicatedBehaviourContext } from './context.js';
import type { ReplicationReport } from './subject.js';

const whole = (name: string, enabled = true): FeatureFlagStoreItem =>
  new FeatureFlagStoreItem(name, enabled, new FeatureFlagMeta({ createdDate: 1_650_000_000, clientData: { v: 1 }, conditions: [new Condition({ is_admin: true })] }));

/** `put`, and how replicas are given a whole flag: in one write where they can, never on before their rules. */
export function registerWholeDocumentWriteTests(ctx: ReplicatedBehaviourContext): void {
  describe('whole-document writes (put)', () => {
    it('offers put only when the primary has it', () => {
      expect(typeof ctx.setup().store.put).toBe('function');
      expect(ctx.setup({}, { primaryPut: false }).store.put).toBeUndefined();
    });

    it.each([false, true])('puts on the primary, then on each replica in one write (asynch: %s)', async (asynch) => {
      const { store, primary, replicas } = ctx.setup({ asynch });
      await ctx.primaryBackend.create('PUT_EVERYWHERE', { clientData: { stale: true } });
      await store.put!(whole('PUT_EVERYWHERE'));
      await store.put!(whole('PUT_NEW', false));
      await store.flush();
      expect(primary.log.map((write) => write.operation)).toEqual(['put', 'put']);
      for (const [index, replica] of replicas.entries()) {
        expect(replica.log.map((write) => write.operation)).toEqual(['put', 'put']);
        await ctx.expectReplicaInStep(index);
      }
    });

    it('gives a replica without put the flag created off, then completed by one update', async () => {
      const { store, replicas } = ctx.setup({ asynch: false }, { replicaPut: false });
      await store.put!(whole('PUT_TWO_WRITES'));
      const [create, update] = replicas[0]!.log;
      expect([create?.operation, create?.item?.enabled, update?.operation]).toEqual(['create', false, 'update']);
      expect(replicas[0]!.log.length).toBe(2);
      for (let i = 0; i < 2; i++) await ctx.expectSameFlag(i, 'PUT_TWO_WRITES');
    });

    it('never leaves a replica on without its conditions when the write that completes it fails', async () => {
      await ctx.primaryBackend.create('GUARDED');
      const { store, replicas } = ctx.setup({ asynch: false }, { replicaPut: false });
      const events: ReplicationReport[] = [];
      store.events.on('replication_error', (event) => events.push(event));
      // As a replica that lacks the flag answers, and then fails again once it was created.
      replicas[0]!.fail(['update', 'setMeta'], new FlagDoesNotExistError('GUARDED'));
      await store.update('GUARDED', () => whole('GUARDED'));
      const left = await ctx.replicaBackend(0).get('GUARDED');
      expect(left?.enabled).toBe(false);
      expect(events.map((event) => [event.replicaIndex, event.operation])).toEqual([[0, 'update']]);
      await ctx.expectSameFlag(1, 'GUARDED');
    });

    it('a failing replica never fails a put; the failure is reported as a put', async () => {
      const { store, replicas } = ctx.setup({ asynch: false });
      const events: ReplicationReport[] = [];
      store.events.on('replication_error', (event) => events.push(event));
      replicas[0]!.fail(WRITE_OPERATIONS);
      await store.put!(whole('PUT_FAILING_REPLICA'));
      expect(await ctx.replicaBackend(0).get('PUT_FAILING_REPLICA')).toBeUndefined();
      await ctx.expectSameFlag(1, 'PUT_FAILING_REPLICA');
      expect(events.map((event) => [event.replicaIndex, event.operation, event.featureName])).toEqual([[0, 'put', 'PUT_FAILING_REPLICA']]);
    });

    it('rejects a put the primary refused and replicates nothing', async () => {
      const { store, primary, replicas } = ctx.setup({ asynch: false });
      primary.fail(['put']);
      await expect(store.put!(whole('PUT_REFUSED'))).rejects.toThrow('injected failure');
      for (const replica of replicas) expect(replica.log).toEqual([]);
      expect(await ctx.primaryBackend.get('PUT_REFUSED')).toBeUndefined();
    });
  });
}
