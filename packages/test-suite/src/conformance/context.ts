import { afterEach, beforeEach } from '@jest/globals';
import type { FeatureFlagStore } from '@flipper-client/core/store';

/** What the suite gets for one test: an empty store and ways to reach the same data again. */
export interface ConformanceStoreHandle {
  /** A store over a fresh, empty namespace (for instance a unique base key or bucket). */
  store: FeatureFlagStore;
  /**
   * Another store on the same data through its own connection, as a second process would see
   * it. Concurrency and change-feed tests use it; without it they use `store` itself.
   */
  connect?: () => Promise<FeatureFlagStore>;
  /** Writes raw text as a flag's stored document, bypassing the store (corrupt and Python documents). */
  writeRaw?: (featureName: string, text: string) => Promise<void>;
  /** The exact text stored as a flag's document, read bypassing the store; `undefined` when none is stored. */
  readRaw?: (featureName: string) => Promise<string | undefined>;
  /** Releases what the handle holds; stores from `connect` are closed by the suite. */
  cleanup?: () => Promise<void>;
}

export type ConformanceGroup =
  | 'basic'
  | 'names'
  | 'documents'
  | 'list'
  | 'rawDocuments'
  | 'atomicity'
  | 'changeFeed'
  | 'syncReads'
  | 'wholeDocumentWrites'
  | 'client';

export interface StoreConformanceOptions {
  /** Called before every test. */
  createStore: () => Promise<ConformanceStoreHandle> | ConformanceStoreHandle;
  /** Groups to switch off with `false`; all groups run by default when the store can. */
  groups?: Partial<Record<ConformanceGroup, boolean>>;
  /** Writers racing on one flag in the atomicity tests; default 20. */
  concurrentWriters?: number;
  /** Names with glob and path characters to round-trip; default `AWKWARD_NAMES`. */
  awkwardNames?: readonly string[];
  /** How long a change may take to reach the change feed; default 2000 ms. */
  changeFeedTimeoutMs?: number;
}

/**
 * What the store offers, stated by the test that wires the suite (jest registers tests before
 * any store exists, so they cannot be probed). Each defaults to true; the last test of the
 * suite checks the statement against the store.
 */
export interface StoreCapabilities {
  /** It has `watch`: the `changeFeed` group runs. */
  changeFeed?: boolean;
  /** It has `getSync` and `syncReady`: the `syncReads` group runs. */
  syncReads?: boolean;
  /** Its `update` is atomic across connections: the `atomicity` group runs. */
  atomicUpdates?: boolean;
  /** The handle has `writeRaw`: the `rawDocuments` group (Python-written and corrupt documents) runs. */
  writeRaw?: boolean;
  /** The handle has `readRaw`: the stored bytes of whole-document writes are checked. */
  readRaw?: boolean;
  /**
   * It has `put` (`WholeDocumentWrites`): the `wholeDocumentWrites` group runs. Checked both ways,
   * since composing stores use `put` wherever they find it: a store that has it must say so.
   */
  wholeDocumentWrites?: boolean;
}

/** Per-test state shared by the groups. */
export class ConformanceContext {
  private current: ConformanceStoreHandle | undefined;
  private readonly peers: FeatureFlagStore[] = [];

  constructor(readonly options: StoreConformanceOptions) {
    beforeEach(async () => {
      this.current = await options.createStore();
    });
    afterEach(async () => {
      const peers = this.peers.splice(0);
      await Promise.all(peers.map((peer) => peer.close?.()));
      await this.current?.store.close?.();
      await this.current?.cleanup?.();
      this.current = undefined;
    });
  }

  enabled(group: ConformanceGroup): boolean {
    return this.options.groups?.[group] !== false;
  }

  get handle(): ConformanceStoreHandle {
    if (this.current === undefined) throw new Error('conformance: no store outside a test');
    return this.current;
  }

  get store(): FeatureFlagStore {
    return this.handle.store;
  }

  /** A second connection to the same data, or the store itself when the backend offers none. */
  async peer(): Promise<FeatureFlagStore> {
    const connect = this.handle.connect;
    if (connect === undefined) return this.store;
    const peer = await connect();
    this.peers.push(peer);
    return peer;
  }

  get changeFeedTimeoutMs(): number {
    return this.options.changeFeedTimeoutMs ?? 2000;
  }
}
