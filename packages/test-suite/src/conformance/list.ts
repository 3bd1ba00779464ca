import { describe, expect, it } from '@jest/globals';
import { collect } from '../collect.js';
import type { ConformanceContext } from './context.js';

function names(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `LIST_${String(i).padStart(3, '0')}`);
}

export function registerListTests(ctx: ConformanceContext): void {
  describe('list', () => {
    it('lists nothing in an empty store', async () => {
      expect(await collect(ctx.store.list())).toEqual([]);
    });

    it('lists every flag exactly once', async () => {
      const expected = names(37);
      await Promise.all(expected.map((name, i) => ctx.store.create(name, { isEnabled: i % 2 === 0 })));
      const listed = await collect(ctx.store.list());
      expect(listed.map((item) => item.featureName).sort()).toEqual(expected);
      for (const item of listed) expect(item.enabled).toBe(Number(item.featureName.slice(5)) % 2 === 0);
    });

    it('pages with offset and limit that partition the listing', async () => {
      const expected = names(23);
      await Promise.all(expected.map((name) => ctx.store.create(name)));
      const full = (await collect(ctx.store.list())).map((item) => item.featureName);
      const paged: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 5) {
        const page = await collect(ctx.store.list({ offset, limit: 5 }));
        expect(page.length).toBe(Math.min(5, expected.length - offset));
        paged.push(...page.map((item) => item.featureName));
      }
      expect(paged).toEqual(full);
      expect(new Set(paged).size).toBe(expected.length);
    });

    it('honours a limit of zero and an offset past the end', async () => {
      await Promise.all(names(3).map((name) => ctx.store.create(name)));
      expect(await collect(ctx.store.list({ limit: 0 }))).toEqual([]);
      expect(await collect(ctx.store.list({ offset: 3 }))).toEqual([]);
      expect((await collect(ctx.store.list({ offset: 1 }))).length).toBe(2);
    });

    it('does not list a deleted flag', async () => {
      await ctx.store.create('KEEP');
      await ctx.store.create('DROP');
      await ctx.store.delete('DROP');
      expect((await collect(ctx.store.list())).map((item) => item.featureName)).toEqual(['KEEP']);
    });
  });
}
