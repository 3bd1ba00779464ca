import { FeatureFlagClient, StoreError, type FlipperError } from '@flipper-client/core';
import type { StoreChange } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import { waitFor } from '../wait-for.js';
import type { CachedBehaviourContext } from './context.js';
import type { CacheErrorReport } from './subject.js';

/** preload(): a complete mirror kept current by the change feed, behind synchronous evaluation. */
export function registerPreloadTests(ctx: CachedBehaviourContext): void {
  describe('preload', () => {
    it('makes a complete mirror: isEnabledSync answers, missing flags are known missing, no reads', async () => {
      await ctx.store.create('ON', { isEnabled: true });
      await ctx.store.create('OFF');
      const { cache, inner } = await ctx.setup();
      expect(cache.syncReady).toBe(false);
      const features = new FeatureFlagClient(cache);
      expect(() => features.isEnabledSync('ON')).toThrow(/preload/);
      await cache.preload();
      expect(cache.syncReady).toBe(true);
      expect(features.isEnabledSync('ON')).toBe(true);
      expect(features.isEnabledSync('OFF')).toBe(false);
      expect(features.isEnabledSync('NOWHERE', {}, { default: true })).toBe(true);
      expect(await features.isEnabled('ON')).toBe(true);
      expect(await cache.get('NOWHERE')).toBeUndefined();
      expect(inner.calls.get).toBe(0);
      expect(inner.calls.list).toBe(1);
    });

    it('holds every flag, even more than size', async () => {
      const names = Array.from({ length: 30 }, (_, i) => `MANY_${i}`);
      for (const [i, name] of names.entries()) await ctx.store.create(name, { isEnabled: i % 3 === 0 });
      const { cache, inner } = await ctx.setup({ size: 5 });
      await cache.ready();
      const features = new FeatureFlagClient(cache);
      for (const [i, name] of names.entries()) expect(features.isEnabledSync(name)).toBe(i % 3 === 0);
      expect(inner.calls.get).toBe(0);
    });

    it("stays current: another process's create, enable and delete show in isEnabledSync, its own writes at once", async () => {
      await ctx.store.create('MIRRORED');
      const { cache } = await ctx.setup();
      await cache.preload();
      const features = new FeatureFlagClient(cache);
      const other = await ctx.otherProcess();
      await other.create('NEW_ELSEWHERE', { isEnabled: true });
      await waitFor(() => features.isEnabledSync('NEW_ELSEWHERE'), ctx.timeoutMs, 'the create to reach the mirror');
      await new FeatureFlagClient(other).enable('MIRRORED');
      await waitFor(() => features.isEnabledSync('MIRRORED'), ctx.timeoutMs, 'the enable to reach the mirror');
      await other.delete('MIRRORED');
      await waitFor(() => cache.getSync('MIRRORED') === undefined, ctx.timeoutMs, 'the delete to reach the mirror');
      await features.create('MINE', { isEnabled: true, clientData: { a: 1 } });
      expect(features.isEnabledSync('MINE')).toBe(true);
      await features.disable('MINE');
      expect(features.isEnabledSync('MINE')).toBe(false);
      await features.setClientData('MINE', { b: 2 });
      expect(cache.getSync('MINE')?.clientData()).toEqual({ a: 1, b: 2 });
      await cache.set('MINE', true);
      expect(features.isEnabledSync('MINE')).toBe(true);
      await features.destroy('MINE');
      expect(cache.getSync('MINE')).toBeUndefined();
    });

    it('converges when many other processes write one flag at once', async () => {
      await ctx.store.create('CROWDED', { clientData: { start: true } });
      const { cache } = await ctx.setup();
      await cache.preload();
      const writers = await Promise.all(Array.from({ length: 12 }, () => ctx.otherProcess()));
      await Promise.all(writers.map((writer, i) => new FeatureFlagClient(writer).setClientData('CROWDED', { [`w${i}`]: i })));
      const keys = (): number => Object.keys(cache.getSync('CROWDED')?.clientData() ?? {}).length;
      await waitFor(() => keys() === 13, ctx.timeoutMs, 'every write to reach the mirror');
    });

    it('rejects when the listing fails, and a later preload succeeds', async () => {
      await ctx.store.create('LATER', { isEnabled: true });
      const { cache, inner } = await ctx.setup();
      inner.fail(['list']);
      await expect(cache.preload()).rejects.toBeInstanceOf(StoreError);
      expect(cache.syncReady).toBe(false);
      inner.heal();
      await cache.preload();
      expect(cache.getSync('LATER')?.enabled).toBe(true);
    });

    it('reads again a flag that changed while the listing ran', async () => {
      await ctx.store.create('LISTED');
      const { cache, inner } = await ctx.setup();
      const gate = inner.holdList();
      const preloading = cache.preload();
      await gate.reached; // the listing holds LISTED as it was before the write below
      await (await ctx.otherProcess()).set('LISTED', true);
      // Time for the change to travel the feed while the listing still holds the old value.
      await new Promise((resolve) => setTimeout(resolve, Math.min(ctx.timeoutMs, 200)));
      gate.release();
      await preloading;
      expect(cache.getSync('LISTED')?.enabled).toBe(true);
    });

    it('reads again when the flag changed during a refresh, rather than keep the older value', async () => {
      await ctx.store.create('TWICE');
      const { cache, inner } = await ctx.setup();
      await cache.preload();
      const other = await ctx.otherProcess();
      const gate = inner.holdGet('TWICE');
      await other.set('TWICE', true);
      await gate.reached; // the refresh read TWICE enabled and waits
      await other.set('TWICE', false);
      await new Promise((resolve) => setTimeout(resolve, Math.min(ctx.timeoutMs, 200)));
      gate.release();
      await waitFor(() => inner.calls.get >= 2, ctx.timeoutMs, 'the second read');
      await waitFor(() => cache.getSync('TWICE')?.enabled === false, ctx.timeoutMs, 'the mirror to settle');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cache.getSync('TWICE')?.enabled).toBe(false);
    });

    it('answers from the mirror while the inner store fails, reports, and catches up once it is back', async () => {
      await ctx.store.create('STEADY', { isEnabled: true });
      await ctx.store.create('MOVING');
      const reported: [FlipperError, CacheErrorReport][] = [];
      const { cache, inner } = await ctx.setup({ onError: (...args) => reported.push(args) });
      await cache.preload();
      inner.fail(['get', 'list']);
      await (await ctx.otherProcess()).set('MOVING', true);
      await waitFor(() => reported.some(([, c]) => c.operation === 'refresh' && c.featureName === 'MOVING'), ctx.timeoutMs, 'the report');
      const features = new FeatureFlagClient(cache);
      expect(features.isEnabledSync('STEADY')).toBe(true);
      expect(features.isEnabledSync('MOVING')).toBe(false);
      expect(cache.syncReady).toBe(true);
      inner.heal();
      await waitFor(() => features.isEnabledSync('MOVING'), ctx.timeoutMs, 'the resync');
    });

    it('reloads the mirror when the feed says changes were missed', async () => {
      await ctx.store.create('MISSED');
      const { cache, inner } = await ctx.setup();
      await cache.preload();
      const heard: StoreChange[] = [];
      cache.watch!((change) => heard.push(change));
      inner.muteFeed();
      await (await ctx.otherProcess()).set('MISSED', true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(cache.getSync('MISSED')?.enabled).toBe(false);
      inner.emit({ kind: 'all' });
      await waitFor(() => cache.getSync('MISSED')?.enabled === true, ctx.timeoutMs, 'the reload');
      expect(heard).toContainEqual({ kind: 'all' });
      expect(inner.calls.list).toBe(2);
    });
  });
}
