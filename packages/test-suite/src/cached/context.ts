import { hasChangeFeed, type FeatureFlagStore } from '@flipper-client/core/store';
import { afterEach, beforeEach } from '@jest/globals';
import type { ConformanceStoreHandle } from '../conformance/context.js';
import { FaultyStore } from '../faulty-store.js';
import { waitFor } from '../wait-for.js';
import type { CacheSettings, CachedStoreUnderTest, CreateCache } from './subject.js';

/** How long the feed must stay silent before a cache under test is made over it. */
const QUIET_MS = 50;

export interface CachedBehaviourOptions {
  /** Makes the cache under test: `(inner, settings) => new CachedFeatureFlagStore(inner, settings)`. */
  createCache: CreateCache;
  /**
   * An empty inner store for each test, as the conformance suite takes it. `connect` opens
   * another connection to the same data, as another process would; without it the store itself
   * stands in for the other process.
   */
  createInner: () => Promise<ConformanceStoreHandle> | ConformanceStoreHandle;
  /** How long a change may take to travel the inner store's feed; default 2000 ms. */
  changeFeedTimeoutMs?: number;
  /** Whether the inner store has `put` (`WholeDocumentWrites`): the cache's `put` is tested; default true. */
  wholeDocumentWrites?: boolean;
}

export interface CacheUnderTest {
  cache: CachedStoreUnderTest;
  /** The inner store as the cache sees it: counts its calls, fails on demand. */
  inner: FaultyStore;
}

/** Per-test state: the inner store, the caches made over it, and other processes' connections. */
export class CachedBehaviourContext {
  private current: ConformanceStoreHandle | undefined;
  private readonly closables: FeatureFlagStore[] = [];
  private markers = 0;

  constructor(readonly options: CachedBehaviourOptions) {
    beforeEach(async () => {
      this.current = await options.createInner();
    });
    afterEach(async () => {
      const opened = this.closables.splice(0).reverse();
      for (const store of opened) await store.close?.();
      await this.current?.store.close?.();
      await this.current?.cleanup?.();
      this.current = undefined;
    });
  }

  get store(): FeatureFlagStore {
    if (this.current === undefined) throw new Error('cached behaviour: no store outside a test');
    return this.current.store;
  }

  get timeoutMs(): number {
    return this.options.changeFeedTimeoutMs ?? 2000;
  }

  /**
   * A cache over the inner store; `changeFeed: false` hides the inner store's feed from it, `put:
   * false` its `put`. Waits first until the feed has delivered the changes of the test's
   * fixtures, so that none reaches the new cache late.
   */
  async setup(
    settings: CacheSettings = {},
    { changeFeed = true, put = true }: { changeFeed?: boolean; put?: boolean } = {},
  ): Promise<CacheUnderTest> {
    await this.feedQuiet();
    const inner = new FaultyStore(this.store, { changeFeed, put });
    const cache = this.options.createCache(inner, settings);
    this.closables.push(cache);
    return { cache, inner };
  }

  /**
   * Writes a marker flag and removes it, then waits until the feed has reported both and has
   * been quiet for `QUIET_MS`. A feed delivers in order, so the fixtures' changes have arrived
   * once the marker's have; but a store may report its own write more than once (the Redis
   * store: at once, then as a keyspace notification and as a channel message), so reports
   * arriving after the delete resolved are echoes still travelling, and the wait goes on until
   * they stop. Bounded by the feed timeout.
   */
  private async feedQuiet(): Promise<void> {
    const store = this.store;
    if (!hasChangeFeed(store)) return;
    const marker = `__feed_marker_${++this.markers}`;
    let markerReports = 0;
    let lastReport = 0;
    let deleted = false;
    const stop = store.watch((change) => {
      if (change.kind === 'flag' && change.featureName === marker) markerReports++;
      if (deleted) lastReport = performance.now();
    });
    try {
      await store.create(marker);
      await store.delete(marker);
      deleted = true;
      lastReport = performance.now();
      await waitFor(
        () => markerReports >= 2 && performance.now() - lastReport >= QUIET_MS,
        this.timeoutMs,
        'the feed to deliver the fixtures and go quiet',
      );
    } finally {
      stop();
    }
  }

  /** A cache over another cache, as layers compose. */
  layer(inner: FeatureFlagStore, settings: CacheSettings = {}): CachedStoreUnderTest {
    const cache = this.options.createCache(inner, settings);
    this.closables.push(cache);
    return cache;
  }

  /** Another process's connection to the same data; its reads are not counted. */
  async otherProcess(): Promise<FeatureFlagStore> {
    const connect = this.current?.connect;
    if (connect === undefined) return this.store;
    const peer = await connect();
    this.closables.push(peer);
    return peer;
  }
}
