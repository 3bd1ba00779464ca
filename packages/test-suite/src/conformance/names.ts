import { describe, expect, it } from '@jest/globals';
import { collect } from '../collect.js';
import type { ConformanceContext } from './context.js';

/**
 * Names that mean something to a backend (glob characters for Redis SCAN, path segments for
 * Consul and S3) are ordinary names here: each reaches its own key and no other.
 */
export const AWKWARD_NAMES = [
  'with/slash',
  '/leading-slash',
  'a*',
  'a?',
  'a[bc]',
  '..',
  '../escape',
  'dots..in..name',
  'percent%2Fencoded',
  'spaces in a name',
  'ünïcödé-旗-🚩',
  'quote"and\\backslash',
] as const;

export function registerNameTests(ctx: ConformanceContext): void {
  const names = ctx.options.awkwardNames ?? AWKWARD_NAMES;
  describe('names', () => {
    it('keeps every awkward name on its own key', async () => {
      for (const [i, name] of names.entries()) {
        await ctx.store.create(name, { clientData: { index: i } });
      }
      await ctx.store.create('ab', { clientData: { index: -1 } });
      await ctx.store.create('abc', { clientData: { index: -2 } });
      for (const [i, name] of names.entries()) {
        const read = await ctx.store.get(name);
        expect(read?.featureName).toBe(name);
        expect(read?.clientData()).toEqual({ index: i });
      }
      const listed = (await collect(ctx.store.list())).map((item) => item.featureName);
      expect([...listed].sort()).toEqual([...names, 'ab', 'abc'].sort());
    });

    it('deletes only the named flag when the name looks like a pattern', async () => {
      await ctx.store.create('a*');
      await ctx.store.create('ab');
      await ctx.store.create('a?');
      await ctx.store.create('ac');
      await ctx.store.delete('a*');
      await ctx.store.delete('a?');
      await expect(ctx.store.get('a*')).resolves.toBeUndefined();
      await expect(ctx.store.get('a?')).resolves.toBeUndefined();
      expect((await ctx.store.get('ab'))?.featureName).toBe('ab');
      expect((await ctx.store.get('ac'))?.featureName).toBe('ac');
    });

    it('does not let a path-like name reach another flag', async () => {
      await ctx.store.create('target', { clientData: { original: true } });
      await ctx.store.create('x/../target', { isEnabled: true, clientData: { intruder: true } });
      expect((await ctx.store.get('target'))?.clientData()).toEqual({ original: true });
      expect((await ctx.store.get('x/../target'))?.clientData()).toEqual({ intruder: true });
    });
  });
}
