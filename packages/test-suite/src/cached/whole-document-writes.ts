import { Condition } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem, type FeatureFlagStore } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import { waitFor } from '../wait-for.js';
import type { CachedBehaviourContext } from './context.js';

const whole = (name: string, enabled = true): FeatureFlagStoreItem =>
  new FeatureFlagStoreItem(name, enabled, new FeatureFlagMeta({ createdDate: 1_650_000_000, clientData: { v: 2 }, conditions: [new Condition({ is_admin: true })] }));

const documentOf = async (store: FeatureFlagStore, name: string): Promise<string | undefined> => {
  const item = await store.get(name);
  return item && encodeDocument(item);
};

/** `put` through the cache: offered only over an inner store that has it, shown at once, never leaving a stale entry. */
export function registerWholeDocumentWriteTests(ctx: CachedBehaviourContext): void {
  describe('whole-document writes (put)', () => {
    it('offers put only when the inner store has it', async () => {
      expect(typeof (await ctx.setup()).cache.put).toBe('function');
      expect((await ctx.setup({}, { put: false })).cache.put).toBeUndefined();
    });

    it('shows a put at once over a cached flag and over a name it remembered as missing', async () => {
      await ctx.store.create('PUT_CACHED', { clientData: { v: 1 } });
      const { cache, inner } = await ctx.setup({ ttlMs: 3_600_000 }, { changeFeed: false });
      expect((await cache.get('PUT_CACHED'))?.clientData()).toEqual({ v: 1 });
      expect(await cache.get('PUT_MISSING')).toBeUndefined();
      await cache.put!(whole('PUT_CACHED'));
      await cache.put!(whole('PUT_MISSING', false));
      expect(await documentOf(cache, 'PUT_CACHED')).toBe(encodeDocument(whole('PUT_CACHED')));
      expect(await documentOf(cache, 'PUT_MISSING')).toBe(encodeDocument(whole('PUT_MISSING', false)));
      expect(inner.calls.put).toBe(2);
      expect(await documentOf(ctx.store, 'PUT_CACHED')).toBe(encodeDocument(whole('PUT_CACHED')));
    });

    it('shows a put at once in a preloaded mirror, to get and getSync', async () => {
      await ctx.store.create('PUT_MIRROR');
      const { cache } = await ctx.setup();
      await cache.preload();
      await cache.put!(whole('PUT_MIRROR'));
      await cache.put!(whole('PUT_MIRROR_NEW'));
      for (const name of ['PUT_MIRROR', 'PUT_MIRROR_NEW']) {
        const read = cache.getSync(name);
        expect(read && encodeDocument(read)).toBe(encodeDocument(whole(name)));
        expect(await documentOf(cache, name)).toBe(encodeDocument(whole(name)));
      }
    });

    it('after a failed put, reads the inner store again instead of serving what it held', async () => {
      await ctx.store.create('PUT_FAILS', { clientData: { v: 1 } });
      const { cache, inner } = await ctx.setup({ ttlMs: 3_600_000 }, { changeFeed: false });
      await cache.get('PUT_FAILS');
      inner.fail(['put']);
      await expect(cache.put!(whole('PUT_FAILS'))).rejects.toThrow('injected failure');
      inner.heal();
      // Another writer got there meanwhile (a put whose answer was lost would look the same).
      await ctx.store.update('PUT_FAILS', (item) => item.withEnabled(true));
      const reads = inner.calls.get;
      expect((await cache.get('PUT_FAILS'))?.enabled).toBe(true);
      expect(inner.calls.get).toBe(reads + 1);
    });

    it("shows another process's put through the change feed", async () => {
      await ctx.store.create('PUT_REMOTE');
      const { cache } = await ctx.setup({ ttlMs: 3_600_000 });
      expect((await cache.get('PUT_REMOTE'))?.enabled).toBe(false);
      const other = await ctx.otherProcess();
      await other.put!(whole('PUT_REMOTE'));
      await waitFor(async () => (await documentOf(cache, 'PUT_REMOTE')) === encodeDocument(whole('PUT_REMOTE')), ctx.timeoutMs, 'the put to show');
    });
  });
}
