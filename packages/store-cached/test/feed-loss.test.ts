import { describe, expect, it } from '@jest/globals';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import type { StoreChange, StoreChangeListener, Unsubscribe } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { CachedFeatureFlagStore } from '../src/index.js';

/**
 * A store whose change feed can lose its subscription, as the Redis feed does when Redis drops
 * the subscriber connection: changes made meanwhile are never reported; once subscribed again
 * it reports `all`, as the Redis feed does.
 */
class LosingFeedStore extends MemoryFeatureFlagStore {
  private subscribed = true;
  private readonly heard = new Set<StoreChangeListener>();

  override watch(listener: StoreChangeListener): Unsubscribe {
    this.heard.add(listener);
    const stop = super.watch((change) => this.subscribed && listener(change));
    return () => {
      this.heard.delete(listener);
      stop();
    };
  }

  lose(): void {
    this.subscribed = false;
    this.tell({ kind: 'all' });
  }

  resubscribe(): void {
    this.subscribed = true;
    this.tell({ kind: 'all' });
  }

  private tell(change: StoreChange): void {
    for (const listener of this.heard) listener(change);
  }
}

describe.each([
  ['preloaded', true],
  ['not preloaded', false],
])('a cached store (%s) whose inner change feed lost its subscription', (_label, preload) => {
  it('reloads once the feed is back, so a change made while it was deaf does not linger', async () => {
    const inner = new LosingFeedStore();
    await inner.create('F', { isEnabled: false });
    const cache = new CachedFeatureFlagStore(inner, { ttlMs: 60_000 });
    if (preload) await cache.preload();
    expect((await cache.get('F'))?.enabled).toBe(false);

    inner.lose();
    await inner.set('F', true); // unheard: the feed is down
    inner.resubscribe();
    await waitFor(async () => (await cache.get('F'))?.enabled === true, 2000, 'the cache to reload F');
    await cache.close();
  });
});
