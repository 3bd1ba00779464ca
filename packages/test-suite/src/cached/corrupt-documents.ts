import { FeatureFlagClient, InvalidDocumentError, type FlipperError } from '@flipper-client/core';
import type { StoreChange } from '@flipper-client/core/store';
import { describe, expect, it } from '@jest/globals';
import { sleep } from '../sleep.js';
import { thrown } from '../thrown.js';
import { waitFor } from '../wait-for.js';
import type { CachedBehaviourContext } from './context.js';
import type { CacheErrorReport } from './subject.js';

/** Past the mirror's first resync delay (100 ms): a reload would have listed again by then. */
const RESYNC_WINDOW_MS = 250;

/**
 * A corrupt document in a mirror is an answer about that flag, as the inner store's `get` gives
 * it: kept as the decode error, not "missing", and no reason to reload the other flags. The inner
 * store is made to read the flag as corrupt (`FaultyStore.fail` with an `InvalidDocumentError`).
 */
export function registerCorruptDocumentTests(ctx: CachedBehaviourContext): void {
  describe('a corrupt document in the mirror', () => {
    it("is the flag's decode error: get rejects, getSync throws, the client answers its default; nothing reloads", async () => {
      await ctx.store.create('SOUND', { isEnabled: true });
      await ctx.store.create('SPOILED', { isEnabled: true });
      const reported: [FlipperError, CacheErrorReport][] = [];
      const { cache, inner } = await ctx.setup({ onError: (...args) => reported.push(args) });
      await cache.preload();
      const heard: StoreChange[] = [];
      cache.watch!((change) => heard.push(change));
      const corrupt = new InvalidDocumentError('SPOILED', 'meta', 'not an object');
      inner.fail(['get'], corrupt);
      const other = await ctx.otherProcess();
      await other.set('SPOILED', false);
      await waitFor(() => heard.some((change) => change.kind === 'flag' && change.featureName === 'SPOILED'), ctx.timeoutMs, 'the announcement');

      expect(thrown(() => cache.getSync('SPOILED'))).toBe(corrupt);
      await expect(cache.get('SPOILED')).rejects.toBe(corrupt);
      const features = new FeatureFlagClient(cache);
      const clientErrors: FlipperError[] = [];
      features.events.on('error', (event) => clientErrors.push(event.error));
      expect(features.isEnabledSync('SPOILED', {}, { default: true })).toBe(true);
      expect(await features.isEnabled('SPOILED', {}, { default: true })).toBe(true);
      expect(clientErrors).toEqual([corrupt, corrupt]);
      expect(reported.length).toBeGreaterThan(0);
      for (const entry of reported) expect(entry).toEqual([corrupt, { operation: 'refresh', featureName: 'SPOILED', servedStale: false }]);

      await sleep(RESYNC_WINDOW_MS);
      expect(inner.calls.list).toBe(1);
      expect(heard).not.toContainEqual({ kind: 'all' });
      expect(features.isEnabledSync('SOUND')).toBe(true);

      inner.heal();
      await other.set('SPOILED', true);
      await waitFor(() => thrown(() => cache.getSync('SPOILED')) === undefined && cache.getSync('SPOILED')?.enabled === true, ctx.timeoutMs, 'the repaired flag');
      expect(inner.calls.list).toBe(1);
    });

    it('a write through the cache whose read-back is corrupt shows the decode error, not what the write made', async () => {
      await ctx.store.create('OVERWRITTEN');
      const { cache, inner } = await ctx.setup();
      await cache.preload();
      const corrupt = new InvalidDocumentError('OVERWRITTEN', 'bucketer', 'unknown type');
      inner.fail(['get'], corrupt);
      await cache.set('OVERWRITTEN', true);
      expect(thrown(() => cache.getSync('OVERWRITTEN'))).toBe(corrupt);
      inner.heal();
      await cache.set('OVERWRITTEN', false);
      expect(cache.getSync('OVERWRITTEN')?.enabled).toBe(false);
    });
  });
}
