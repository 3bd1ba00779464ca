import { describe, expect, it } from '@jest/globals';
import type { StoreChange } from '@flipper-client/core/store';
import { waitFor } from '../wait-for.js';
import type { ConformanceContext } from './context.js';

/** Whether the feed reported the flag, or that everything may have changed. */
export function sawFlag(changes: readonly StoreChange[], name: string): boolean {
  return changes.some((change) => change.kind === 'all' || change.featureName === name);
}

/** The change feed reports writes made here and through another connection. */
export function registerChangeFeedTests(ctx: ConformanceContext): void {
  describe('change feed', () => {
    it('reports its own create, update and delete', async () => {
      const changes: StoreChange[] = [];
      const stop = ctx.store.watch!((change) => changes.push(change));
      try {
        await ctx.store.create('FEED_SELF');
        await waitFor(() => sawFlag(changes, 'FEED_SELF'), ctx.changeFeedTimeoutMs, 'the create');
        changes.length = 0;
        await ctx.store.set('FEED_SELF', true);
        await waitFor(() => sawFlag(changes, 'FEED_SELF'), ctx.changeFeedTimeoutMs, 'the set');
        changes.length = 0;
        await ctx.store.delete('FEED_SELF');
        await waitFor(() => sawFlag(changes, 'FEED_SELF'), ctx.changeFeedTimeoutMs, 'the delete');
      } finally {
        stop();
      }
    });

    it('reports writes made through another connection', async () => {
      const changes: StoreChange[] = [];
      const stop = ctx.store.watch!((change) => changes.push(change));
      try {
        const peer = await ctx.peer();
        await peer.create('FEED_PEER');
        await waitFor(() => sawFlag(changes, 'FEED_PEER'), ctx.changeFeedTimeoutMs, "the peer's create");
        changes.length = 0;
        await peer.update('FEED_PEER', (item) => item.withEnabled(true));
        await waitFor(() => sawFlag(changes, 'FEED_PEER'), ctx.changeFeedTimeoutMs, "the peer's update");
        await waitFor(async () => (await ctx.store.get('FEED_PEER'))?.enabled === true, ctx.changeFeedTimeoutMs, 'the update to read back');
      } finally {
        stop();
      }
    });

    it('stops reporting after unsubscribe', async () => {
      const changes: StoreChange[] = [];
      const stop = ctx.store.watch!((change) => changes.push(change));
      stop();
      stop();
      const heard: StoreChange[] = [];
      const marker = ctx.store.watch!((change) => heard.push(change));
      try {
        await ctx.store.create('FEED_AFTER_STOP');
        await waitFor(() => sawFlag(heard, 'FEED_AFTER_STOP'), ctx.changeFeedTimeoutMs, 'the marker listener');
        expect(changes.filter((change) => change.kind === 'flag' && change.featureName === 'FEED_AFTER_STOP')).toEqual([]);
      } finally {
        marker();
      }
    });
  });
}
