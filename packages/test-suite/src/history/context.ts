import { afterEach, beforeEach } from '@jest/globals';
import type { FeatureFlagStore, History, HistoryRetention } from '@flipper-client/core/store';
import { hasHistory } from '@flipper-client/core/store';
import type { ConformanceStoreHandle } from '../conformance/context.js';

export interface HistoryConformanceOptions {
  /**
   * Called before every test with the default retention (`{}`), and again by the retention tests
   * with their own: a store with `History` over a fresh, empty namespace.
   */
  createStore: (retention: HistoryRetention) => Promise<ConformanceStoreHandle> | ConformanceStoreHandle;
  /** Writers racing on one flag, each on its own connection where the backend has them; default 24. */
  concurrentWriters?: number;
  /** Concurrent `createIfAbsent` calls of one name; default 20. */
  concurrentCreates?: number;
}

type HistoryStore = FeatureFlagStore & History;

/** Per-test state: the default store, any store opened with another retention, their peers. */
export class HistoryContext {
  private current: ConformanceStoreHandle | undefined;
  private readonly extra: ConformanceStoreHandle[] = [];
  private readonly peers: FeatureFlagStore[] = [];

  constructor(readonly options: HistoryConformanceOptions) {
    beforeEach(async () => {
      this.current = await options.createStore({});
    });
    afterEach(async () => {
      const peers = this.peers.splice(0);
      await Promise.all(peers.map((peer) => peer.close?.()));
      for (const handle of [...this.extra.splice(0), ...(this.current === undefined ? [] : [this.current])]) {
        await handle.store.close?.();
        await handle.cleanup?.();
      }
      this.current = undefined;
    });
  }

  get handle(): ConformanceStoreHandle {
    if (this.current === undefined) throw new Error('history conformance: no store outside a test');
    return this.current;
  }

  get store(): HistoryStore {
    return historyOf(this.handle.store);
  }

  /** A store over its own fresh namespace with `retention`, cleaned up after the test. */
  async open(retention: HistoryRetention): Promise<HistoryStore> {
    const handle = await this.options.createStore(retention);
    this.extra.push(handle);
    return historyOf(handle.store);
  }

  /** A second connection to the default store's data, or the store itself without one. */
  async peer(): Promise<HistoryStore> {
    const connect = this.handle.connect;
    if (connect === undefined) return this.store;
    const peer = await connect();
    this.peers.push(peer);
    return historyOf(peer);
  }

  /** The exact stored text: the handle's raw read where it has one, else the store's own. */
  async stored(featureName: string): Promise<string | null> {
    const readRaw = this.handle.readRaw;
    if (readRaw === undefined) return this.store.storedDocument(featureName);
    return (await readRaw(featureName)) ?? null;
  }
}

function historyOf(store: FeatureFlagStore): HistoryStore {
  if (!hasHistory(store)) throw new Error(`history conformance: the ${store.storeName} store has no history`);
  return store;
}
