import { FeatureFlagClient, SyncEvaluationUnavailableError } from '@flipper-client/core';
import type { StoreChange } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import { waitFor } from '../wait-for.js';
import type { CachedBehaviourContext } from './context.js';

/** Invalidation from the inner store's change feed, and the feed the cache passes on. */
export function registerChangeFeedTests(ctx: CachedBehaviourContext): void {
  describe('change feed', () => {
    it("invalidates what another process changed: a long TTL does not mean stale reads", async () => {
      await ctx.store.create('REMOTE');
      const { cache, inner } = await ctx.setup({ ttlMs: 3_600_000 });
      expect((await cache.get('REMOTE'))?.enabled).toBe(false);
      expect(await cache.get('REMOTE_LATER')).toBeUndefined();
      const other = await ctx.otherProcess();
      await other.set('REMOTE', true);
      await other.create('REMOTE_LATER', { isEnabled: true });
      await waitFor(async () => (await cache.get('REMOTE'))?.enabled === true, ctx.timeoutMs, 'the enable to show');
      await waitFor(async () => (await cache.get('REMOTE_LATER'))?.enabled === true, ctx.timeoutMs, 'the create to show');
      await other.delete('REMOTE');
      await waitFor(async () => (await cache.get('REMOTE')) === undefined, ctx.timeoutMs, 'the delete to show');
      const reads = inner.calls.get;
      await cache.get('REMOTE');
      await cache.get('REMOTE_LATER');
      expect(inner.calls.get).toBe(reads);
    });

    it('reads everything again after the feed says changes were missed, and passes that on', async () => {
      await ctx.store.create('ONE');
      await ctx.store.create('TWO');
      const { cache, inner } = await ctx.setup();
      const heard: StoreChange[] = [];
      cache.watch!((change) => heard.push(change));
      await cache.get('ONE');
      await cache.get('TWO');
      inner.muteFeed();
      await (await ctx.otherProcess()).set('TWO', true);
      expect((await cache.get('TWO'))?.enabled).toBe(false);
      const reads = inner.calls.get;
      inner.emit({ kind: 'all' });
      expect(heard).toContainEqual({ kind: 'all' });
      expect((await cache.get('TWO'))?.enabled).toBe(true);
      expect((await cache.get('ONE'))?.enabled).toBe(false);
      expect(inner.calls.get).toBe(reads + 2);
    });

    it('passes changes on once it holds them: a listener that reads on hearing sees the new value', async () => {
      await ctx.store.create('HEARD');
      const { cache } = await ctx.setup();
      await cache.get('HEARD');
      const seen: (boolean | undefined)[] = [];
      const stop = cache.watch!((change) => {
        if (change.kind === 'flag' && change.featureName === 'HEARD') void cache.get('HEARD').then((item) => seen.push(item?.enabled));
      });
      await (await ctx.otherProcess()).set('HEARD', true);
      await waitFor(() => seen.includes(true), ctx.timeoutMs, 'the listener to read the change');
      expect(seen.every((enabled) => enabled === true)).toBe(true);
      stop();
    });

    it('composes: a cache over a cache sees what another process wrote', async () => {
      await ctx.store.create('LAYERED');
      const { cache } = await ctx.setup({ ttlMs: 3_600_000 });
      const outer = ctx.layer(cache, { ttlMs: 3_600_000 });
      expect((await outer.get('LAYERED'))?.enabled).toBe(false);
      await (await ctx.otherProcess()).set('LAYERED', true);
      await waitFor(async () => (await outer.get('LAYERED'))?.enabled === true, ctx.timeoutMs, 'the outer cache to see the write');
    });

    it('claims no change feed and no synchronous reads when the inner store has no feed', async () => {
      await ctx.store.create('PLAIN', { isEnabled: true });
      const { cache } = await ctx.setup({}, { changeFeed: false });
      expect(cache.watch).toBeUndefined();
      await cache.preload();
      expect(cache.syncReady).toBe(false);
      expect(() => cache.getSync('PLAIN')).toThrow(SyncEvaluationUnavailableError);
      expect(() => new FeatureFlagClient(cache).isEnabledSync('PLAIN')).toThrow(SyncEvaluationUnavailableError);
    });
  });
}
