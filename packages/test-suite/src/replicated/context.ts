import { encodeDocument, type FeatureFlagStore } from '@flipper-client/core/store';
import { afterEach, beforeEach, expect } from '@jest/globals';
import { collect } from '../collect.js';
import { FaultyStore } from '../faulty-store.js';
import type { CreateReplicated, ReplicatedStoreUnderTest, ReplicationSettings } from './subject.js';

/** Empty stores for one test: a primary and replicas, each over its own data. */
export interface ReplicatedStoresHandle {
  primary: FeatureFlagStore;
  replicas: FeatureFlagStore[];
  cleanup?: () => Promise<void>;
}

export interface ReplicatedBehaviourOptions {
  /** Makes the store under test: `(primary, replicas, settings) => new ReplicatedFeatureFlagStore(primary, replicas, settings)`. */
  createReplicated: CreateReplicated;
  /** Called before every test with the number of replicas wanted (2). */
  createStores: (replicaCount: number) => Promise<ReplicatedStoresHandle> | ReplicatedStoresHandle;
  /** Whether the primary and the replicas have `put` (`WholeDocumentWrites`): the replicated store's `put` is tested; default true. */
  wholeDocumentWrites?: boolean;
}

export interface ReplicationUnderTest {
  store: ReplicatedStoreUnderTest;
  /** The primary as the replicated store sees it: counts, fails on demand. */
  primary: FaultyStore;
  replicas: FaultyStore[];
}

const REPLICAS = 2;

/** Per-test state: the backends, and the replicated stores made over them. */
export class ReplicatedBehaviourContext {
  private handle: ReplicatedStoresHandle | undefined;
  private readonly made: ReplicationUnderTest[] = [];

  constructor(readonly options: ReplicatedBehaviourOptions) {
    beforeEach(async () => {
      this.handle = await options.createStores(REPLICAS);
    });
    afterEach(async () => {
      for (const made of this.made.splice(0)) {
        for (const store of [made.primary, ...made.replicas]) store.heal();
        await made.store.close();
      }
      const handle = this.handle;
      this.handle = undefined;
      if (handle === undefined) return;
      for (const store of [handle.primary, ...handle.replicas]) await store.close?.();
      await handle.cleanup?.();
    });
  }

  private get stores(): ReplicatedStoresHandle {
    if (this.handle === undefined) throw new Error('replicated behaviour: no stores outside a test');
    return this.handle;
  }

  /** The backends themselves, bypassing the replicated store. */
  get primaryBackend(): FeatureFlagStore {
    return this.stores.primary;
  }

  replicaBackend(index: number): FeatureFlagStore {
    return this.stores.replicas[index]!;
  }

  /** The replicated store over the backends, each behind a `FaultyStore`; `put: false` hides `put` from the primary or the replicas. */
  setup(settings: ReplicationSettings = {}, { primaryPut = true, replicaPut = true }: { primaryPut?: boolean; replicaPut?: boolean } = {}): ReplicationUnderTest {
    const primary = new FaultyStore(this.stores.primary, { changeFeed: false, put: primaryPut, name: 'flaky' });
    const replicas = this.stores.replicas.map((replica) => new FaultyStore(replica, { changeFeed: false, put: replicaPut, name: 'flaky' }));
    const made = { store: this.options.createReplicated(primary, replicas, settings), primary, replicas };
    this.made.push(made);
    return made;
  }

  /** Every flag of the replica is the primary's, byte for byte, and no other. */
  async expectReplicaInStep(index: number): Promise<void> {
    const documents = async (store: FeatureFlagStore): Promise<string[]> =>
      (await collect(store.list())).map((item) => encodeDocument(item)).sort();
    expect(await documents(this.replicaBackend(index))).toEqual(await documents(this.primaryBackend));
  }

  async expectSameFlag(index: number, featureName: string): Promise<void> {
    const primary = await this.primaryBackend.get(featureName);
    const replica = await this.replicaBackend(index).get(featureName);
    expect(replica && encodeDocument(replica)).toEqual(primary && encodeDocument(primary));
  }
}
