import { describe, expect, it } from '@jest/globals';
import { compareHistoryIds, InvalidArgumentError } from '@flipper-client/core/store';
import { allEntries } from './chain.js';
import type { HistoryContext } from './context.js';

/** Pages newest first, by id, partition a flag's history and the store's. */
export function registerPagingTests(ctx: HistoryContext): void {
  describe('history paging', () => {
    it("pages one flag's history without gaps or repeats", async () => {
      await ctx.store.create('PAGED');
      for (let i = 0; i < 9; i++) await ctx.store.set('PAGED', i % 2 === 0);
      const whole = await ctx.store.history('PAGED', { limit: 100 });
      expect(whole).toHaveLength(10);
      for (const size of [1, 3, 4, 10, 11]) {
        expect((await allEntries((options) => ctx.store.history('PAGED', options), size)).map((e) => e.id)).toEqual(whole.map((e) => e.id));
      }
      expect(await ctx.store.history('PAGED', { limit: 2, before: whole[9]!.id })).toEqual([]);
      expect((await ctx.store.history('PAGED', { limit: 2, before: whole[3]!.id })).map((e) => e.id)).toEqual([whole[4]!.id, whole[5]!.id]);
    });

    it('pages across flags newest first, destroyed flags included', async () => {
      const names = ['ACROSS_A', 'ACROSS_B', 'ACROSS_C'];
      for (const name of names) await ctx.store.create(name);
      for (const name of names) await ctx.store.set(name, true);
      await ctx.store.delete('ACROSS_B');
      const whole = await ctx.store.historyAcrossFlags({ limit: 100 });
      expect(whole).toHaveLength(7);
      for (let i = 0; i + 1 < whole.length; i++) expect(compareHistoryIds(whole[i]!.id, whole[i + 1]!.id)).toBeGreaterThan(0);
      expect(whole[0]).toMatchObject({ featureName: 'ACROSS_B', action: 'delete' });
      for (const name of names) {
        expect(whole.filter((entry) => entry.featureName === name).map((entry) => entry.id)).toEqual(
          (await ctx.store.history(name)).map((entry) => entry.id),
        );
      }
      const paged = await allEntries((options) => ctx.store.historyAcrossFlags(options), 2);
      expect(paged.map((entry) => entry.id)).toEqual(whole.map((entry) => entry.id));
    });

    it('refuses a malformed page', async () => {
      await expect(ctx.store.history('PAGED', { limit: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(ctx.store.history('PAGED', { before: 'yesterday' })).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(ctx.store.historyAcrossFlags({ limit: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    });
  });
}
