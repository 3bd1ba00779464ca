import { encodeDocument, type FeatureFlagStore } from '@flipper-client/core';
import { collect } from '@flipper-client/core/testing';
import { afterEach, beforeEach, expect } from '@jest/globals';
import type { ReplicatedStoreOptions } from '../options.js';
import { ReplicatedFeatureFlagStore } from '../replicated-store.js';
import { FaultyStore } from '@flipper-client/core/testing';

/** Empty stores for one test: a primary and replicas, each over its own data. */
export interface ReplicatedStoresHandle {
  primary: FeatureFlagStore;
  replicas: FeatureFlagStore[];
  cleanup?: () => Promise<void>;
}

export interface ReplicatedBehaviourOptions {
  /** Called before every test with the number of replicas wanted (2). */
  createStores: (replicaCount: number) => Promise<ReplicatedStoresHandle> | ReplicatedStoresHandle;
}

export interface ReplicationUnderTest {
  store: ReplicatedFeatureFlagStore;
  /** The primary as the replicated store sees it: counts, fails on demand. */
  primary: FaultyStore;
  replicas: FaultyStore[];
}

const REPLICAS = 2;

/** Per-test state: the backends, and the replicated stores made over them. */
export class ReplicatedBehaviourContext {
  private handle: ReplicatedStoresHandle | undefined;
  private readonly made: ReplicatedFeatureFlagStore[] = [];

  constructor(readonly options: ReplicatedBehaviourOptions) {
    beforeEach(async () => {
      this.handle = await options.createStores(REPLICAS);
    });
    afterEach(async () => {
      for (const flaky of this.made.splice(0)) {
        for (const store of [flaky.primary, ...flaky.replicas]) (store as FaultyStore).heal();
        await flaky.close();
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

  setup(options: ReplicatedStoreOptions = {}): ReplicationUnderTest {
    const primary = new FaultyStore(this.stores.primary, { changeFeed: false, name: 'flaky' });
    const replicas = this.stores.replicas.map((replica) => new FaultyStore(replica, { changeFeed: false, name: 'flaky' }));
    const store = new ReplicatedFeatureFlagStore(primary, replicas, options);
    this.made.push(store);
    return { store, primary, replicas };
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
