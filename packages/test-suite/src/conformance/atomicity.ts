import { describe, expect, it } from '@jest/globals';
import { Condition, FeatureFlagClient } from '@flipper-client/core';
import type { ConformanceContext } from './context.js';

/**
 * Many writers, each on its own connection where the backend has them, race read-modify-writes
 * on one flag. Every write must survive: none may overwrite another's change.
 */
export function registerAtomicityTests(ctx: ConformanceContext): void {
  const writers = ctx.options.concurrentWriters ?? 20;

  describe('atomic updates', () => {
    it(`keeps all ${writers} concurrent client-data merges`, async () => {
      await ctx.store.create('RACE', { clientData: { start: true } });
      const peers = await Promise.all(Array.from({ length: writers }, () => ctx.peer()));
      await Promise.all(
        peers.map((peer, i) => new FeatureFlagClient(peer).setClientData('RACE', { [`writer_${i}`]: i })),
      );
      const data = (await ctx.store.get('RACE'))!.clientData();
      expect(Object.keys(data).sort()).toEqual(['start', ...peers.map((_, i) => `writer_${i}`)].sort());
    });

    it(`keeps all ${writers} concurrent addCondition calls`, async () => {
      await ctx.store.create('RACE_CONDITIONS', { isEnabled: true });
      const peers = await Promise.all(Array.from({ length: writers }, () => ctx.peer()));
      await Promise.all(
        peers.map((peer, i) => new FeatureFlagClient(peer).addCondition('RACE_CONDITIONS', new Condition({ [`v${i}`]: i }))),
      );
      const variables = (await ctx.store.get('RACE_CONDITIONS'))!.meta.conditions.flatMap((condition) => condition.variables);
      expect(variables.sort()).toEqual(peers.map((_, i) => `v${i}`).sort());
    });

    it('keeps an enable racing with client-data merges', async () => {
      await ctx.store.create('RACE_MIXED');
      const peers = await Promise.all(Array.from({ length: 6 }, () => ctx.peer()));
      await Promise.all([
        new FeatureFlagClient(peers[0]!).enable('RACE_MIXED'),
        ...peers.slice(1).map((peer, i) => new FeatureFlagClient(peer).setClientData('RACE_MIXED', { [`k${i}`]: i })),
      ]);
      const item = (await ctx.store.get('RACE_MIXED'))!;
      expect(item.enabled).toBe(true);
      expect(Object.keys(item.clientData()).length).toBe(5);
    });
  });
}
