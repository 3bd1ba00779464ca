import { StoreError } from '@flipper-client/core';
import { describe, expect, it } from '@jest/globals';
import { collect } from '../collect.js';
import type { ReplicatedBehaviourContext } from './context.js';

/** Reads come from the primary; close waits for replication. */
export function registerReadTests(ctx: ReplicatedBehaviourContext): void {
  describe('reads and close', () => {
    it('reads and lists from the primary only', async () => {
      await ctx.primaryBackend.create('ON_PRIMARY', { isEnabled: true });
      await ctx.replicaBackend(0).create('ONLY_ON_REPLICA', { isEnabled: true });
      const { store, replicas } = ctx.setup();
      expect((await store.get('ON_PRIMARY'))?.enabled).toBe(true);
      expect(await store.get('ONLY_ON_REPLICA')).toBeUndefined();
      expect((await collect(store.list())).map((item) => item.featureName)).toEqual(['ON_PRIMARY']);
      expect(replicas.map((replica) => replica.calls.get + replica.calls.list)).toEqual([0, 0]);
    });

    it('close waits for background replication, then refuses calls and leaves the stores open', async () => {
      const { store, primary, replicas } = ctx.setup();
      const gate = replicas[0]!.holdWrites();
      await store.create('BEFORE_CLOSE');
      let closed = false;
      const closing = store.close().then(() => (closed = true));
      await gate.reached;
      expect(closed).toBe(false);
      gate.release();
      await closing;
      await ctx.expectSameFlag(0, 'BEFORE_CLOSE');
      await expect(store.set('BEFORE_CLOSE', true)).rejects.toBeInstanceOf(StoreError);
      await expect(store.get('BEFORE_CLOSE')).rejects.toThrow(/closed/);
      expect([primary, ...replicas].map((s) => s.closeCalls)).toEqual([0, 0, 0]);
    });

    it('closes the primary and the replicas too with closeStores', async () => {
      const { store, primary, replicas } = ctx.setup({ closeStores: true });
      await store.close();
      expect([primary, ...replicas].map((s) => s.closeCalls)).toEqual([1, 1, 1]);
    });
  });
}
