import {
  StoreError,
  hasChangeFeed,
  hasReadiness,
  hasUsageCounts,
  hasWholeDocumentWrites,
  isSyncReadable,
  type Closable,
  type FeatureFlagMeta,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type ItemChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
  type UsageCounts,
} from '@flipper-client/core/store';
import {
  assertStores,
  resolveOptions,
  type ReplicatedOperation,
  type ReplicatedStoreOptions,
  type ResolvedReplicatedStoreOptions,
} from './options.js';
import { changeOrCopy, createItem, putItem } from './replica-writes.js';
import type { ReplicationEvents } from './replication-events.js';
import { Replicator, type ReplicaWrite } from './replicator.js';

export const STORE_NAME = 'replicated';

/**
 * Writes to a primary store, then replicates each write to the replicas; reads come from the
 * primary. A write rejects only when the primary fails, and then nothing is replicated. A
 * replica failure never fails the write: it reaches `onReplicationError` and `events`.
 * Replicas receive the primary's result, byte for byte, not a replay of the call.
 */
export class ReplicatedFeatureFlagStore implements FeatureFlagStore, Closable {
  readonly storeName: string;
  readonly atomicUpdates: boolean;
  readonly primary: FeatureFlagStore;
  readonly replicas: readonly FeatureFlagStore[];
  /** The primary's change feed, when it has one: reads come from the primary. */
  readonly watch?: (listener: StoreChangeListener) => Unsubscribe;
  /** The primary's synchronous reads, when it has them. */
  readonly getSync?: (featureName: string) => FeatureFlagStoreItem | undefined;
  /** The primary's first load, when it has one. */
  readonly ready?: () => Promise<void>;
  /**
   * Present when the primary has `put` (`WholeDocumentWrites`): one write on the primary, then the
   * item on every replica, in one write where the replica has `put` too.
   */
  readonly put?: (item: FeatureFlagStoreItem) => Promise<void>;
  /** The primary's usage counts, when it keeps them: usage is not replicated, as reads come from the primary. */
  readonly addUsage?: UsageCounts['addUsage'];
  readonly readUsage?: UsageCounts['readUsage'];

  private readonly options: ResolvedReplicatedStoreOptions;
  private readonly replicator: Replicator;
  /** Writes not yet resolved: close() waits for them to have queued their replication. */
  private readonly writing = new Set<Promise<unknown>>();
  private closed = false;

  constructor(primary: FeatureFlagStore, replicas: readonly FeatureFlagStore[], options: ReplicatedStoreOptions = {}) {
    assertStores(primary, replicas);
    this.options = resolveOptions(options);
    this.primary = primary;
    this.replicas = Object.freeze([...replicas]);
    this.storeName = `${STORE_NAME}(${primary.storeName})`;
    this.atomicUpdates = primary.atomicUpdates ?? true;
    this.replicator = new Replicator(primary, this.replicas, this.options);
    if (hasChangeFeed(primary)) this.watch = (listener) => primary.watch(listener);
    if (isSyncReadable(primary)) this.getSync = (featureName) => primary.getSync(featureName);
    if (hasReadiness(primary)) this.ready = () => primary.ready();
    if (hasUsageCounts(primary)) {
      this.addUsage = (report) => primary.addUsage(report);
      this.readUsage = (query) => primary.readUsage(query);
    }
    if (hasWholeDocumentWrites(primary)) {
      this.put = (item) =>
        this.write(
          'put',
          item.featureName,
          () => primary.put(item),
          () => (replica) => putItem(replica, item),
        );
    }
  }

  /** `replicated` and `replication_error` for every replica write. */
  get events(): ReplicationEvents {
    return this.replicator.events;
  }

  get syncReady(): boolean {
    return this.primary.syncReady === true;
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    if (this.closed) return Promise.reject(this.closedError('get', featureName));
    return this.primary.get(featureName);
  }

  async *list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    if (this.closed) throw this.closedError('list');
    yield* this.primary.list(options);
  }

  create(featureName: string, options?: StoreCreateOptions): Promise<FeatureFlagStoreItem> {
    return this.write(
      'create',
      featureName,
      () => this.primary.create(featureName, options),
      (item) => (replica) => createItem(replica, item),
    );
  }

  set(featureName: string, isEnabled: boolean): Promise<void> {
    return this.write(
      'set',
      featureName,
      () => this.primary.set(featureName, isEnabled),
      () => (replica) => changeOrCopy(this.primary, replica, featureName, (current) => current.withEnabled(isEnabled)),
    );
  }

  delete(featureName: string): Promise<void> {
    return this.write(
      'delete',
      featureName,
      () => this.primary.delete(featureName),
      () => (replica) => replica.delete(featureName),
    );
  }

  setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    return this.write(
      'setMeta',
      featureName,
      () => this.primary.setMeta(featureName, meta),
      () => (replica) => changeOrCopy(this.primary, replica, featureName, (current) => current.withMeta(meta)),
    );
  }

  /** Atomic on the primary; the replicas receive the item the primary wrote. */
  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return this.write(
      'update',
      featureName,
      () => this.primary.update(featureName, change),
      (item) => (replica) => putItem(replica, item),
    );
  }

  /** Resolves when every replica write started so far has succeeded, failed or timed out. */
  flush(): Promise<void> {
    return this.replicator.flush();
  }

  /** Waits for pending replication, then refuses further calls; closes the stores only with `closeStores`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.writing);
    await this.replicator.flush();
    this.replicator.stop();
    if (this.options.closeStores) await Promise.all([this.primary, ...this.replicas].map((store) => store.close?.()));
  }

  /** The primary first; its failure rejects and replicates nothing. Then the replicas, awaited unless `asynch`. */
  private write<T>(
    operation: ReplicatedOperation,
    featureName: string,
    writePrimary: () => Promise<T>,
    replicaWrite: (result: T) => ReplicaWrite,
  ): Promise<T> {
    if (this.closed) return Promise.reject(this.closedError(operation, featureName));
    const write = (async () => {
      const result = await writePrimary();
      const replicated = this.replicator.replicate(featureName, operation, replicaWrite(result));
      if (!this.options.asynch) await replicated;
      return result;
    })();
    this.writing.add(write);
    const settled = (): void => void this.writing.delete(write);
    write.then(settled, settled);
    return write;
  }

  private closedError(operation: string, featureName?: string): StoreError {
    return new StoreError(this.storeName, operation, 'the store is closed', { featureName });
  }
}
