import type {
  FeatureFlagMeta,
  FeatureFlagStore,
  FeatureFlagStoreItem,
  ItemChange,
  StoreChangeListener,
  StoreCreateOptions,
  StoreListOptions,
  Unsubscribe,
} from '@flipper-client/core';
import type { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import type { Redis } from 'ioredis';

const BARRIER_PREFIX = '\u0000barrier-';
const BARRIER_TIMEOUT_MS = 5000;

/**
 * A Redis store whose writes resolve only once the change feed has delivered everything they
 * caused. The Redis feed reports each write of this library three times: at once to the writing
 * store's own listeners, then as a keyspace notification and as a channel message. After a write,
 * this store publishes a barrier message on the feed's channel and waits to hear it: the
 * subscriber connection delivers in order, so the write's echoes have arrived by then. Barrier
 * messages are not passed on to listeners.
 *
 * Why: store-cached's behaviour kit writes its fixtures through this store, then waits for two
 * reports of a marker flag before it builds the cache under test (`feedQuiet` in its
 * `testing/context.ts`). Over Redis the store's own two immediate reports satisfy that at once,
 * and the echoes of the fixtures reach the new cache late, so its exact read counts come out one
 * higher. Writes made by "other processes" (plain Redis stores on their own connections) are not
 * routed through here and still arrive late, as in production.
 */
export class FeedBarrierStore implements FeatureFlagStore {
  readonly storeName: string;
  readonly atomicUpdates: boolean;
  private readonly waiting = new Map<string, () => void>();
  private readonly stopListening: Unsubscribe;
  private barriers = 0;

  constructor(
    private readonly inner: RedisFeatureFlagStore,
    private readonly publisher: Redis,
    private readonly channel: string,
  ) {
    this.storeName = inner.storeName;
    this.atomicUpdates = inner.atomicUpdates ?? true;
    this.stopListening = inner.watch((change) => {
      if (change.kind === 'flag') this.waiting.get(change.featureName)?.();
    });
  }

  watch(listener: StoreChangeListener): Unsubscribe {
    return this.inner.watch((change) => {
      if (change.kind === 'flag' && change.featureName.startsWith(BARRIER_PREFIX)) return;
      listener(change);
    });
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return this.inner.get(featureName);
  }

  list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    return this.inner.list(options);
  }

  create(featureName: string, options?: StoreCreateOptions): Promise<FeatureFlagStoreItem> {
    return this.settled(this.inner.create(featureName, options));
  }

  set(featureName: string, isEnabled: boolean): Promise<void> {
    return this.settled(this.inner.set(featureName, isEnabled));
  }

  delete(featureName: string): Promise<void> {
    return this.settled(this.inner.delete(featureName));
  }

  setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    return this.settled(this.inner.setMeta(featureName, meta));
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return this.settled(this.inner.update(featureName, change));
  }

  async close(): Promise<void> {
    this.stopListening();
    await this.inner.close();
  }

  /** The write's result, once a barrier published after it has come back through the feed. */
  private async settled<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      await this.barrier();
    }
  }

  private async barrier(): Promise<void> {
    const name = `${BARRIER_PREFIX}${++this.barriers}`;
    const heard = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no barrier echo within ${BARRIER_TIMEOUT_MS} ms`)), BARRIER_TIMEOUT_MS);
      this.waiting.set(name, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await this.publisher.publish(this.channel, name);
      await heard;
    } finally {
      this.waiting.delete(name);
    }
  }
}
