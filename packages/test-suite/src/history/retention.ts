import { describe, expect, it } from '@jest/globals';
import { sleep } from '../sleep.js';
import { allEntries } from './chain.js';
import type { HistoryContext } from './context.js';

/** Retention trims with the write that goes past it and never loses the newest entries. */
export function registerRetentionTests(ctx: HistoryContext): void {
  describe('history retention', () => {
    it('keeps 1,000 entries per flag by default', () => {
      expect(ctx.store.historyRetention).toEqual({ limit: 1000, maxAgeMs: undefined });
    });

    it('keeps the newest `limit` entries of each flag', async () => {
      const store = await ctx.open({ limit: 5 });
      expect(store.historyRetention.limit).toBe(5);
      await store.create('KEPT');
      await store.create('OTHER');
      for (let i = 0; i < 11; i++) await store.update('KEPT', (item) => item.withMeta(item.meta.with({ clientData: { i } })));
      const entries = await allEntries((options) => store.history('KEPT', options), 2);
      expect(entries).toHaveLength(5);
      expect(entries.map((entry) => JSON.parse(entry.after!).meta.client_data.i)).toEqual([10, 9, 8, 7, 6]);
      expect(await store.history('OTHER')).toHaveLength(1);
      expect(entries[0]!.after).toBe(await store.storedDocument('KEPT'));
    });

    it('drops entries older than maxAgeMs at the next write of the flag, keeping that write', async () => {
      const store = await ctx.open({ maxAgeMs: 40 });
      await store.create('AGED');
      await store.set('AGED', true);
      await sleep(120);
      await store.set('AGED', false);
      expect((await store.history('AGED')).map((entry) => entry.action)).toEqual(['set']);
    });
  });
}
