import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, FlagExistsError } from '@flipper-client/core';
import { hasCreateIfAbsent } from '@flipper-client/core/store';
import { allEntries, expectConsistentChain } from './chain.js';
import type { HistoryContext } from './context.js';

/** Writers on their own connections: one entry per write that landed, one chain, one create. */
export function registerConcurrencyTests(ctx: HistoryContext): void {
  const writers = ctx.options.concurrentWriters ?? 24;
  const creators = ctx.options.concurrentCreates ?? 20;

  describe('history under concurrent writers', () => {
    it(`has exactly one entry per write of ${writers} concurrent writers, in one consistent chain`, async () => {
      await ctx.store.create('CHAIN');
      const peers = await Promise.all(Array.from({ length: writers }, () => ctx.peer()));
      await Promise.all(peers.map((peer, i) => new FeatureFlagClient(peer, { actor: `writer:${i}` }).setClientData('CHAIN', { [`w${i}`]: i })));
      const entries = await allEntries((options) => ctx.store.history('CHAIN', options));
      expect(entries).toHaveLength(writers + 1);
      expectConsistentChain(entries, await ctx.stored('CHAIN'));
      expect(new Set(entries.slice(0, writers).map((entry) => entry.actor))).toEqual(new Set(peers.map((_, i) => `writer:${i}`)));
      expect(entries[writers]!.before).toBeNull();
    });

    it(`lets exactly one of ${creators} concurrent createIfAbsent calls create the flag`, async () => {
      if (!hasCreateIfAbsent(ctx.store)) throw new Error(`the ${ctx.store.storeName} store has no createIfAbsent`);
      const peers = await Promise.all(Array.from({ length: creators }, () => ctx.peer()));
      const results = await Promise.allSettled(
        peers.map((peer, i) => new FeatureFlagClient(peer, { actor: `creator:${i}` }).createIfAbsent('ONCE', { clientData: { creator: i } })),
      );
      const won = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(result.reason).toBeInstanceOf(FlagExistsError);
          expect(result.reason).toMatchObject({ code: 'FLAG_EXISTS', featureName: 'ONCE' });
        }
      }
      expect((await ctx.store.get('ONCE'))!.clientData()).toEqual({ creator: won[0] });
      const entries = await ctx.store.history('ONCE');
      expect(entries.map(({ action, actor }) => [action, actor])).toEqual([['create_if_absent', `creator:${won[0]}`]]);
    });
  });
}
