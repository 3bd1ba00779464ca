import { FeatureFlagClient, InvalidDocumentError, StoreError, type FlipperError } from '@flipper-client/core';
import { describe, expect, it } from '@jest/globals';
import { sleep } from '../sleep.js';
import type { CachedBehaviourContext } from './context.js';
import type { CacheErrorReport } from './subject.js';

type Reported = [FlipperError, CacheErrorReport];

/** Stale-if-error, its bound, and what happens when nothing is known. */
export function registerFailureTests(ctx: CachedBehaviourContext): void {
  describe('when the inner store fails', () => {
    it('serves the last known value past its TTL and reports the error', async () => {
      await ctx.store.create('KNOWN', { isEnabled: true });
      const reported: Reported[] = [];
      const { cache, inner } = await ctx.setup({ ttlMs: 20, onError: (...args) => reported.push(args) }, { changeFeed: false });
      expect((await cache.get('KNOWN'))?.enabled).toBe(true);
      expect(await cache.get('NOT_THERE')).toBeUndefined();
      inner.fail(['get']);
      await sleep(40);
      const features = new FeatureFlagClient(cache);
      const clientErrors: unknown[] = [];
      features.events.on('error', (event) => clientErrors.push(event.error));
      expect(await features.isEnabled('KNOWN')).toBe(true);
      expect(await features.isEnabled('NOT_THERE', {}, { default: true })).toBe(true);
      expect((await cache.get('KNOWN'))?.enabled).toBe(true);
      expect(clientErrors).toEqual([]);
      expect(reported.length).toBe(3);
      for (const [error, context] of reported) {
        expect(error).toBeInstanceOf(StoreError);
        expect(context.servedStale).toBe(true);
        expect(context.operation).toBe('get');
      }
      expect(reported.map(([, context]) => context.featureName)).toEqual(['KNOWN', 'NOT_THERE', 'KNOWN']);
      expect(inner.calls.get).toBe(5);
    });

    it('serves stale for at most maxStaleMs', async () => {
      await ctx.store.create('OLD', { isEnabled: true });
      const { cache, inner } = await ctx.setup({ ttlMs: 20, maxStaleMs: 30 });
      await cache.get('OLD');
      inner.fail(['get']);
      await sleep(80);
      await expect(cache.get('OLD')).rejects.toBeInstanceOf(StoreError);
      const features = new FeatureFlagClient(cache);
      const clientErrors: FlipperError[] = [];
      features.events.on('error', (event) => clientErrors.push(event.error));
      expect(await features.isEnabled('OLD')).toBe(false);
      expect(clientErrors.map((error) => error.featureName)).toEqual(['OLD']);
    });

    it('rejects with the inner error when nothing is known, and the client answers its default', async () => {
      await ctx.store.create('COLD', { isEnabled: false });
      const reported: Reported[] = [];
      const { cache, inner } = await ctx.setup({ onError: (...args) => reported.push(args) });
      inner.fail(['get']);
      const failure = await cache.get('COLD').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).featureName).toBe('COLD');
      expect(await new FeatureFlagClient(cache).isEnabled('COLD', {}, { default: true })).toBe(true);
      expect(reported).toEqual([]);
      inner.heal();
      expect((await cache.get('COLD'))?.enabled).toBe(false);
    });

    it('does not hide a corrupt document behind the last good value', async () => {
      await ctx.store.create('CORRUPT', { isEnabled: true });
      const { cache, inner } = await ctx.setup({ ttlMs: 10 });
      await cache.get('CORRUPT');
      const corrupt = new InvalidDocumentError('CORRUPT', 'meta', 'not an object');
      inner.fail(['get'], corrupt);
      await sleep(30);
      await expect(cache.get('CORRUPT')).rejects.toBe(corrupt);
    });

    it('survives an onError listener that throws', async () => {
      await ctx.store.create('LOUD', { isEnabled: true });
      const { cache, inner } = await ctx.setup({
        ttlMs: 10,
        onError: () => {
          throw new Error('listener broke');
        },
      });
      await cache.get('LOUD');
      inner.fail(['get']);
      await sleep(30);
      expect((await cache.get('LOUD'))?.enabled).toBe(true);
    });

    it('holds only the reads that need the inner store while it hangs', async () => {
      await ctx.store.create('CACHED', { isEnabled: true });
      await ctx.store.create('UNCACHED', { isEnabled: true });
      const { cache, inner } = await ctx.setup();
      await cache.get('CACHED');
      inner.hang(['get']);
      let settled = false;
      const waiting = cache.get('UNCACHED').finally(() => (settled = true));
      expect((await cache.get('CACHED'))?.enabled).toBe(true);
      await sleep(30);
      expect(settled).toBe(false);
      inner.heal();
      await expect(waiting).rejects.toBeInstanceOf(StoreError);
      expect((await cache.get('UNCACHED'))?.enabled).toBe(true);
    });

    it('rejects a failed write with the inner error and reads the flag again afterwards', async () => {
      await ctx.store.create('WRITE_FAILS');
      const { cache, inner } = await ctx.setup({}, { changeFeed: false });
      await cache.get('WRITE_FAILS');
      inner.fail(['set', 'update']);
      await expect(cache.set('WRITE_FAILS', true)).rejects.toBeInstanceOf(StoreError);
      await expect(new FeatureFlagClient(cache).enable('WRITE_FAILS')).rejects.toBeInstanceOf(StoreError);
      inner.heal();
      const before = inner.calls.get;
      expect((await cache.get('WRITE_FAILS'))?.enabled).toBe(false);
      expect(inner.calls.get).toBe(before + 1);
    });
  });
}
