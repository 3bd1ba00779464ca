import { FeatureFlagClient } from '@flipper-client/core';
import { describe, expect, it } from '@jest/globals';
import { sleep } from '../sleep.js';
import { waitFor } from '../wait-for.js';
import type { ReplicatedBehaviourContext } from './context.js';

const QUICK_WRITES = 40;

/** Awaited or background replication, flush, and the order of background writes per flag. */
export function registerModeTests(ctx: ReplicatedBehaviourContext): void {
  describe('synchronous and background modes', () => {
    it('background (the default): the write resolves before the replica has it; flush waits for it', async () => {
      const { store, replicas } = ctx.setup();
      const gate = replicas[0]!.holdWrites();
      await store.create('BACKGROUND', { isEnabled: true });
      await gate.reached;
      expect((await ctx.primaryBackend.get('BACKGROUND'))?.enabled).toBe(true);
      expect(await ctx.replicaBackend(0).get('BACKGROUND')).toBeUndefined();
      let flushed = false;
      const flushing = store.flush().then(() => (flushed = true));
      await sleep(20);
      expect(flushed).toBe(false);
      gate.release();
      await flushing;
      await ctx.expectSameFlag(0, 'BACKGROUND');
    });

    it('synchronous (asynch: false): the write resolves only once every replica has it', async () => {
      const { store, replicas } = ctx.setup({ asynch: false });
      const gate = replicas[1]!.holdWrites();
      let resolved = false;
      const writing = store.create('AWAITED').then(() => (resolved = true));
      await gate.reached;
      await sleep(20);
      expect(resolved).toBe(false);
      gate.release();
      await writing;
      for (let i = 0; i < 2; i++) await ctx.expectSameFlag(i, 'AWAITED');
    });

    it(`applies ${QUICK_WRITES} quick background writes to one flag in order on each replica`, async () => {
      const { store, replicas } = ctx.setup();
      replicas[0]!.slow(() => Math.floor(Math.random() * 4));
      const features = new FeatureFlagClient(store);
      await features.create('ORDERED');
      await store.flush();
      for (const replica of replicas) replica.log.length = 0; // the create, as a put or a create
      for (let n = 1; n <= QUICK_WRITES; n++) {
        if (n % 5 === 0) await store.set('ORDERED', n % 2 === 0);
        else await features.setClientData('ORDERED', { n });
      }
      await store.flush();
      for (const [i, replica] of replicas.entries()) {
        const written = replica.log
          .filter((entry) => entry.featureName === 'ORDERED' && (entry.operation === 'update' || entry.operation === 'put'))
          .map((entry) => entry.item!.meta.clientData['n'] ?? 0);
        const expected = Array.from({ length: QUICK_WRITES }, (_, k) => k + 1).map((n) => (n % 5 === 0 ? n - 1 : n));
        expect(written).toEqual(expected);
        await ctx.expectSameFlag(i, 'ORDERED');
      }
    });

    it('does not hold writes to other flags behind a stuck one', async () => {
      const { store, replicas } = ctx.setup();
      const gate = replicas[0]!.holdWrites('STUCK');
      await store.create('STUCK');
      await store.create('FLOWING');
      await waitFor(async () => (await ctx.replicaBackend(0).get('FLOWING')) !== undefined, 2000, 'the other flag');
      expect(await ctx.replicaBackend(0).get('STUCK')).toBeUndefined();
      gate.release();
      await store.flush();
      await ctx.expectReplicaInStep(0);
    });
  });
}
