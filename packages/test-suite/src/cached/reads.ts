import { FeatureFlagClient } from '@flipper-client/core';
import { describe, expect, it } from '@jest/globals';
import { sleep } from '../sleep.js';
import type { CachedBehaviourContext } from './context.js';

const CONCURRENT = 25;

/** Hits, single-flight misses, negative caching, LRU bounds, TTL and read-your-writes. */
export function registerReadTests(ctx: CachedBehaviourContext): void {
  describe('reads', () => {
    it(`reads a flag once for ${CONCURRENT} concurrent misses, then serves it from memory`, async () => {
      await ctx.store.create('HOT', { isEnabled: true, clientData: { n: 1 } });
      const { cache, inner } = await ctx.setup({}, { changeFeed: false });
      const reads = await Promise.all(Array.from({ length: CONCURRENT }, () => cache.get('HOT')));
      expect(inner.calls.get).toBe(1);
      expect(new Set(reads).size).toBe(1);
      expect(reads[0]?.clientData()).toEqual({ n: 1 });
      const features = new FeatureFlagClient(cache);
      for (let i = 0; i < 50; i++) expect(await features.isEnabled('HOT')).toBe(true);
      expect(inner.calls.get).toBe(1);
    });

    it(`remembers a missing flag, read once for ${CONCURRENT} concurrent misses`, async () => {
      const { cache, inner } = await ctx.setup({}, { changeFeed: false });
      const reads = await Promise.all(Array.from({ length: CONCURRENT }, () => cache.get('ABSENT')));
      expect(reads.every((read) => read === undefined)).toBe(true);
      expect(await cache.get('ABSENT')).toBeUndefined();
      expect(inner.calls.get).toBe(1);
      await cache.create('ABSENT', { isEnabled: true });
      expect((await cache.get('ABSENT'))?.enabled).toBe(true);
    });

    it('keeps missing names in their own bounded LRU, which never evicts flags', async () => {
      await ctx.store.create('A');
      await ctx.store.create('B');
      const { cache, inner } = await ctx.setup({ size: 2, missingSize: 2 }, { changeFeed: false });
      await cache.get('A');
      await cache.get('B');
      for (let i = 0; i < 5; i++) await cache.get(`MISSING_${i}`);
      expect(inner.calls.get).toBe(7);
      await cache.get('A');
      await cache.get('B');
      await cache.get('MISSING_4');
      expect(inner.calls.get).toBe(7);
      await cache.get('MISSING_0');
      expect(inner.calls.get).toBe(8);
    });

    it('evicts the least recently used flag past size', async () => {
      for (const name of ['A', 'B', 'C']) await ctx.store.create(name);
      const { cache, inner } = await ctx.setup({ size: 2 }, { changeFeed: false });
      await cache.get('A');
      await cache.get('B');
      await cache.get('A');
      await cache.get('C');
      expect(inner.calls.get).toBe(3);
      await cache.get('A');
      expect(inner.calls.get).toBe(3);
      await cache.get('B');
      expect(inner.calls.get).toBe(4);
    });

    it('expires reads after ttlMs: without a change feed, another process is seen once the TTL passed', async () => {
      await ctx.store.create('TTL');
      const { cache, inner } = await ctx.setup({ ttlMs: 400 }, { changeFeed: false });
      expect((await cache.get('TTL'))?.enabled).toBe(false);
      await (await ctx.otherProcess()).set('TTL', true);
      expect((await cache.get('TTL'))?.enabled).toBe(false);
      expect(inner.calls.get).toBe(1);
      await sleep(450);
      expect((await cache.get('TTL'))?.enabled).toBe(true);
      expect(inner.calls.get).toBe(2);
    });

    it.each([true, false])('shows its own writes at once, whatever the TTL (change feed: %s)', async (changeFeed) => {
      const { cache } = await ctx.setup({ ttlMs: 3_600_000 }, { changeFeed });
      const features = new FeatureFlagClient(cache);
      expect(await cache.get('MINE')).toBeUndefined();
      await features.create('MINE');
      expect(await features.isEnabled('MINE')).toBe(false);
      await features.enable('MINE');
      expect(await features.isEnabled('MINE')).toBe(true);
      await cache.set('MINE', false);
      expect(await features.isEnabled('MINE')).toBe(false);
      await features.setClientData('MINE', { owner: 'me' });
      expect(await features.getClientData('MINE')).toEqual({ owner: 'me' });
      await features.destroy('MINE');
      expect(await features.exists('MINE')).toBe(false);
    });

    it.each([true, false])('does not let a read that raced a write put the old value back (change feed: %s)', async (changeFeed) => {
      await ctx.store.create('RACE');
      const { cache, inner } = await ctx.setup({}, { changeFeed });
      const gate = inner.holdGet('RACE');
      const racingRead = cache.get('RACE');
      await gate.reached; // the read has the value from before the write and waits to answer
      await cache.set('RACE', true);
      gate.release();
      // The flight heard of the write while it waited: it reads again rather than settle on the old value.
      expect((await racingRead)?.enabled).toBe(true);
      expect((await cache.get('RACE'))?.enabled).toBe(true);
      expect((await cache.get('RACE'))?.enabled).toBe(true);
    });
  });
}
