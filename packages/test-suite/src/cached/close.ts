import { StoreError } from '@flipper-client/core';
import type { StoreChange } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import { sleep } from '../sleep.js';
import type { CachedBehaviourContext } from './context.js';

/** close(): unsubscribes, leaves the inner store to its owner unless asked. */
export function registerCloseTests(ctx: CachedBehaviourContext): void {
  describe('close', () => {
    it('unsubscribes from the inner store, leaves it open, and refuses calls afterwards', async () => {
      await ctx.store.create('CLOSING', { isEnabled: true });
      const { cache, inner } = await ctx.setup();
      await cache.preload();
      const heard: StoreChange[] = [];
      cache.watch!((change) => heard.push(change));
      expect(inner.watchers).toBe(1);
      await cache.close();
      await cache.close();
      expect(inner.watchers).toBe(0);
      expect(inner.closeCalls).toBe(0);
      expect(cache.syncReady).toBe(false);
      await (await ctx.otherProcess()).set('CLOSING', false);
      await sleep(50);
      expect(heard).toEqual([]);
      await expect(cache.get('CLOSING')).rejects.toBeInstanceOf(StoreError);
      await expect(cache.set('CLOSING', true)).rejects.toThrow(/closed/);
      expect((await ctx.store.get('CLOSING'))?.enabled).toBe(false);
    });

    it('closes the inner store too with closeInner', async () => {
      const { cache, inner } = await ctx.setup({ closeInner: true });
      await cache.close();
      expect(inner.closeCalls).toBe(1);
    });
  });
}
