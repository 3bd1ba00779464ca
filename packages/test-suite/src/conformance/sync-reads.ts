import { describe, expect, it } from '@jest/globals';
import { encodeDocument } from '@flipper-client/core/store';
import { waitFor } from '../wait-for.js';
import type { ConformanceContext } from './context.js';

/** A store that answers synchronously answers exactly what `get` does, its own writes included. */
export function registerSyncReadTests(ctx: ConformanceContext): void {
  describe('synchronous reads', () => {
    it('matches get after writes', async () => {
      await ctx.store.ready?.();
      await waitFor(() => ctx.store.syncReady === true, ctx.changeFeedTimeoutMs, 'the local copy');
      await ctx.store.create('SYNC', { clientData: { a: 1 } });
      const afterCreate = ctx.store.getSync!('SYNC');
      expect(afterCreate && encodeDocument(afterCreate)).toBe(encodeDocument((await ctx.store.get('SYNC'))!));
      await ctx.store.set('SYNC', true);
      expect(ctx.store.getSync!('SYNC')?.enabled).toBe(true);
      await ctx.store.delete('SYNC');
      expect(ctx.store.getSync!('SYNC')).toBeUndefined();
      expect(ctx.store.getSync!('NEVER')).toBeUndefined();
    });
  });
}
