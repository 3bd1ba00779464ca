import { Condition, ConsistentHashPercentageBucketer, FeatureFlagClient, Percentage } from '@flipper-client/core';
import { FeatureFlagMeta } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import type { ReplicatedBehaviourContext } from './context.js';

/** Every write reaches every replica as the primary's result, even where a replica fell behind. */
export function registerWriteTests(ctx: ReplicatedBehaviourContext): void {
  describe('writes', () => {
    it.each([false, true])('replicas receive every write made through the client (asynch: %s)', async (asynch) => {
      const { store } = ctx.setup({ asynch });
      const features = new FeatureFlagClient(store);
      const inStep = async (): Promise<void> => {
        if (asynch) await store.flush();
        for (let i = 0; i < 2; i++) await ctx.expectReplicaInStep(i);
      };
      await features.create('EVERY_WRITE', { clientData: { owner: 'ops' } });
      await inStep();
      await features.enable('EVERY_WRITE');
      await inStep();
      await features.setClientData('EVERY_WRITE', { ttl: 60 });
      await features.addCondition('EVERY_WRITE', new Condition({ is_admin: true }));
      await features.setBucketer(
        'EVERY_WRITE',
        new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
      );
      await inStep();
      await features.disable('EVERY_WRITE');
      await store.set('EVERY_WRITE', true);
      await inStep();
      await store.setMeta('EVERY_WRITE', new FeatureFlagMeta({ createdDate: 1_700_000_000, clientData: { replaced: true } }));
      await inStep();
      expect((await ctx.replicaBackend(0).get('EVERY_WRITE'))?.clientData()).toEqual({ replaced: true });
      await store.set('SET_CREATES', true);
      await inStep();
      await features.destroy('EVERY_WRITE');
      await inStep();
      expect(await ctx.replicaBackend(1).get('EVERY_WRITE')).toBeUndefined();
      expect((await ctx.replicaBackend(1).get('SET_CREATES'))?.enabled).toBe(true);
    });

    it('gives a replica that lacks the flag the whole flag of the primary', async () => {
      const { store } = ctx.setup({ asynch: false });
      const meta = new FeatureFlagMeta({ createdDate: 1_600_000_000, clientData: { a: 1 }, conditions: [new Condition({ age__gte: 18 })] });
      for (const name of ['BEHIND_SET', 'BEHIND_META', 'BEHIND_UPDATE']) {
        await ctx.primaryBackend.create(name);
        await ctx.primaryBackend.setMeta(name, meta);
      }
      await store.set('BEHIND_SET', true);
      await store.setMeta('BEHIND_META', meta.with({ clientData: { b: 2 } }));
      await new FeatureFlagClient(store).enable('BEHIND_UPDATE');
      for (const name of ['BEHIND_SET', 'BEHIND_META', 'BEHIND_UPDATE']) {
        for (let i = 0; i < 2; i++) await ctx.expectSameFlag(i, name);
      }
      expect((await ctx.replicaBackend(0).get('BEHIND_META'))?.meta.createdDate).toBe(1_600_000_000);
    });

    it("replaces a replica's older flag of the same name on create", async () => {
      await ctx.replicaBackend(0).create('RECREATED', { isEnabled: true, clientData: { stale: true } });
      const { store } = ctx.setup({ asynch: false });
      await store.create('RECREATED', { clientData: { fresh: true } });
      await ctx.expectSameFlag(0, 'RECREATED');
      expect((await ctx.replicaBackend(0).get('RECREATED'))?.enabled).toBe(false);
    });

    it('replicates the result of an update, not a replay of the change', async () => {
      const { store } = ctx.setup({ asynch: false });
      await store.create('COUNTER', { clientData: { n: 0 } });
      // A change that depends on state: replayed on a replica that drifted it would give another result.
      await ctx.replicaBackend(0).update('COUNTER', (item) => item.withMeta(item.meta.with({ clientData: { n: 41 } })));
      const bump = (item: Parameters<Parameters<typeof store.update>[1]>[0]) =>
        item.withMeta(item.meta.with({ clientData: { n: (item.meta.clientData['n'] as number) + 1 } }));
      const written = await store.update('COUNTER', bump);
      expect(written.clientData()).toEqual({ n: 1 });
      expect((await ctx.replicaBackend(0).get('COUNTER'))?.clientData()).toEqual({ n: 1 });
      await ctx.expectSameFlag(0, 'COUNTER');
    });
  });
}
