import {
  StoreError,
  hasChangeFeed,
  hasCreateIfAbsent,
  hasHistory,
  hasReadiness,
  hasUsageCounts,
  hasWholeDocumentWrites,
  isSyncReadable,
  type Closable,
  type CreateIfAbsent,
  type FeatureFlagMeta,
  type History,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type ItemChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
  type UsageCounts,
  type WriteContext,
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
  readonly put?: (item: FeatureFlagStoreItem, context?: WriteContext) => Promise<void>;
  /** Present when the primary has `createIfAbsent`: the primary decides; the created flag is then replicated. */
  readonly createIfAbsent?: CreateIfAbsent['createIfAbsent'];
  // The primary's history, when it keeps one: reads come from the primary, as flags do.
  readonly historyRetention?: History['historyRetention'];
  readonly history?: History['history'];
  readonly historyAcrossFlags?: History['historyAcrossFlags'];
  readonly historyEntry?: History['historyEntry'];
  readonly storedDocument?: History['storedDocument'];
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
      this.put = (item, context) =>
        this.write(
          'put',
          item.featureName,
          () => primary.put(item, context),
          () => (replica) => putItem(replica, item, context),
        );
    }
    if (hasCreateIfAbsent(primary)) {
      this.createIfAbsent = (featureName, options, context) =>
        this.write(
          'createIfAbsent',
          featureName,
          () => primary.createIfAbsent(featureName, options, context),
          (item) => (replica) => createItem(replica, item, context),
        );
    }
    if (hasHistory(primary)) {
      this.historyRetention = primary.historyRetention;
      this.history = (featureName, options) => this.read('history', featureName, () => primary.history(featureName, options));
      this.historyAcrossFlags = (options) => this.read('historyAcrossFlags', undefined, () => primary.historyAcrossFlags(options));
      this.historyEntry = (featureName, id) => this.read('historyEntry', featureName, () => primary.historyEntry(featureName, id));
      this.storedDocument = (featureName) => this.read('storedDocument', featureName, () => primary.storedDocument(featureName));
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

  create(featureName: string, options?: StoreCreateOptions, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.write(
      'create',
      featureName,
      () => this.primary.create(featureName, options, context),
      (item) => (replica) => createItem(replica, item, context),
    );
  }

  set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    return this.write(
      'set',
      featureName,
      () => this.primary.set(featureName, isEnabled, context),
      () => (replica) => changeOrCopy(this.primary, replica, featureName, (current) => current.withEnabled(isEnabled), context),
    );
  }

  delete(featureName: string, context?: WriteContext): Promise<void> {
    return this.write(
      'delete',
      featureName,
      () => this.primary.delete(featureName, context),
      () => (replica) => replica.delete(featureName, context),
    );
  }

  setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    return this.write(
      'setMeta',
      featureName,
      () => this.primary.setMeta(featureName, meta, context),
      () => (replica) => changeOrCopy(this.primary, replica, featureName, (current) => current.withMeta(meta), context),
    );
  }

  /** Atomic on the primary; the replicas receive the item the primary wrote. */
  update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.write(
      'update',
      featureName,
      () => this.primary.update(featureName, change, context),
      (item) => (replica) => putItem(replica, item, context),
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

  private read<T>(operation: string, featureName: string | undefined, run: () => Promise<T>): Promise<T> {
    return this.closed ? Promise.reject(this.closedError(operation, featureName)) : run();
  }

  private closedError(operation: string, featureName?: string): StoreError {
    return new StoreError(this.storeName, operation, 'the store is closed', { featureName });
  }
}
