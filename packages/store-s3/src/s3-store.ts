import type { S3Client } from '@aws-sdk/client-s3';
import {
  contextOrDefault,
  decodeDocument,
  encodeDocument,
  FlagDoesNotExistError,
  FlagExistsError,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  InvalidDocumentError,
  setOrCreate,
  updateWithCompareAndSet,
  type ConditionalAccess,
  type CreateIfAbsent,
  type FeatureFlagStore,
  type History,
  type WriteContext,
  type ItemChange,
  type StoreCreateOptions,
  type StoreListOptions,
  type WholeDocumentWrites,
} from '@flipper-client/core/store';
import { FlagObjects } from './flag-objects.js';
import { HistoryLayout } from './history-layout.js';
import { HistoryLog, type WriteDecision } from './history-log.js';
import { HistoryObjects } from './history-objects.js';
import { HistoryReads } from './history-reads.js';
import { listKeys, type KeyPage } from './key-listing.js';
import { ObjectKeys } from './object-key.js';
import { resolveOptions, type ResolvedS3StoreOptions, type S3StoreOptions } from './options.js';
import { orderedConcurrentMap } from './ordered-concurrent-map.js';

export const STORE_NAME = 's3';

/** What the listing makes of one key. */
type ListedObject =
  | { readonly kind: 'item'; readonly item: FeatureFlagStoreItem }
  | { readonly kind: 'invalid'; readonly error: InvalidDocumentError }
  | { readonly kind: 'gone' };

/**
 * Flags as objects in an S3 bucket: one JSON document per flag (SPEC §5, byte-identical with
 * the Python library's), the flag name as the key at the bucket root (or after the `prefix`
 * option), `application/json`.
 *
 * `update` is a compare-and-set on the object's ETag (`If-Match`), retried on 412; `create` and
 * `put` are one unconditional PutObject; `list` pages through ListObjectsV2 (of the prefix) and
 * yields flags in the order S3 lists keys (UTF-8 binary order on Amazon S3). There is no change
 * feed: S3 has none to offer.
 */
export class S3FeatureFlagStore implements FeatureFlagStore, WholeDocumentWrites, Partial<CreateIfAbsent>, Partial<History> {
  readonly storeName = STORE_NAME;
  readonly atomicUpdates: boolean;
  // CreateIfAbsent with conditional writes; History when made with the `history` option.
  readonly createIfAbsent?: CreateIfAbsent['createIfAbsent'];
  readonly historyRetention?: History['historyRetention'];
  readonly history?: History['history'];
  readonly historyAcrossFlags?: History['historyAcrossFlags'];
  readonly historyEntry?: History['historyEntry'];
  readonly storedDocument?: History['storedDocument'];
  private readonly options: ResolvedS3StoreOptions;
  private readonly objects: FlagObjects;
  private readonly keys: ObjectKeys;
  private readonly log: HistoryLog | undefined;

  constructor(client: S3Client, readonly bucketName: string, options: S3StoreOptions = {}) {
    this.options = resolveOptions(bucketName, options);
    this.atomicUpdates = this.options.conditionalWrites;
    this.keys = new ObjectKeys(this.options.prefix);
    this.objects = new FlagObjects(
      STORE_NAME,
      client,
      bucketName,
      this.options.requestTimeoutMs,
      this.options.conditionalWrites,
      this.options.maxDocumentBytes,
    );
    if (this.options.conditionalWrites) this.createIfAbsent = (featureName, createOptions, context) => this.createNew(featureName, createOptions, context);
    const history = this.options.history;
    if (history !== undefined) {
      // An entry holds a document before and after the change, and a little more.
      const entryBytes = 2 * this.options.maxDocumentBytes + 64 * 1024;
      const historyObjects = new FlagObjects(STORE_NAME, client, history.bucket, this.options.requestTimeoutMs, true, entryBytes);
      const objects = new HistoryObjects(historyObjects, new HistoryLayout(history.prefix), this.options.pageSize);
      this.log = new HistoryLog(this.objects, objects, history.retention, STORE_NAME, this.options.maxUpdateAttempts);
      const reads = new HistoryReads(this.objects, objects, history.retention, (featureName) => this.keys.keyOf(featureName));
      this.historyRetention = history.retention;
      this.history = (featureName, readOptions) => reads.flag(featureName, readOptions);
      this.historyAcrossFlags = (readOptions) => reads.acrossFlags(readOptions);
      this.historyEntry = (featureName, id) => reads.entry(featureName, id);
      this.storedDocument = async (featureName) => (await this.objects.readText('storedDocument', this.keys.keyOf(featureName), featureName))?.text ?? null;
    }
  }

  /** The object key a flag is stored at: `<prefix><name>`; rejects a name that is no safe key. */
  keyOf(featureName: string): string {
    return this.keys.keyOf(featureName);
  }

  async create(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const key = this.keys.keyOf(featureName);
    const item = newItem(featureName, options);
    if (this.log !== undefined) await this.logged('create', featureName, contextOrDefault(context, 'create'), () => ({ text: encodeDocument(item), value: undefined }));
    else await this.objects.write('create', key, item);
    return item;
  }

  /**
   * The whole document in one unconditional PutObject, with no read. With history, the write
   * protocol of HistoryLog instead (its entry needs the replaced text).
   */
  async put(item: FeatureFlagStoreItem, context?: WriteContext): Promise<void> {
    if (this.log !== undefined) await this.logged('put', item.featureName, contextOrDefault(context, 'put'), () => ({ text: encodeDocument(item), value: undefined }));
    else await this.objects.write('put', this.keys.keyOf(item.featureName), item);
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return (await this.objects.read('get', this.keys.keyOf(featureName), featureName))?.item;
  }

  async set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    const key = this.keys.keyOf(featureName);
    if (this.log !== undefined) {
      await this.logged('set', featureName, contextOrDefault(context, 'set'), (current) => {
        const item = current === undefined ? new FeatureFlagStoreItem(featureName, isEnabled) : decodeDocument(featureName, current).withEnabled(isEnabled);
        return { text: encodeDocument(item), value: undefined };
      });
      return;
    }
    // A missing flag is created only if still absent: another writer's flag is switched instead.
    const precondition = this.options.conditionalWrites ? ({ IfNoneMatch: '*' } as const) : {};
    await setOrCreate({
      ...this.conditionalAccess('set', key, featureName),
      isEnabled,
      create: (created) => this.objects.write('set', key, created, precondition),
    });
  }

  async delete(featureName: string, context?: WriteContext): Promise<void> {
    if (this.log !== undefined) {
      await this.logged('delete', featureName, contextOrDefault(context, 'delete'), (current) => (current === undefined ? { unchanged: undefined } : { text: null, value: undefined }));
    } else {
      await this.objects.delete(this.keys.keyOf(featureName), featureName);
    }
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    if (this.log !== undefined) {
      await this.update(featureName, (item) => item.withMeta(meta), contextOrDefault(context, 'set_meta'));
      return;
    }
    const access = this.conditionalAccess('setMeta', this.keys.keyOf(featureName), featureName);
    await updateWithCompareAndSet({ ...access, change: (item) => item.withMeta(meta) });
  }

  async update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    if (this.log !== undefined) {
      return this.logged('update', featureName, contextOrDefault(context, 'update'), (current) => {
        if (current === undefined) throw new FlagDoesNotExistError(featureName);
        const item = change(decodeDocument(featureName, current));
        return { text: encodeDocument(item), value: item };
      });
    }
    return updateWithCompareAndSet({ ...this.conditionalAccess('update', this.keys.keyOf(featureName), featureName), change });
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const keys = listKeys((token, maxKeys) => this.flagKeyPage(token, maxKeys), {
      pageSize: this.options.pageSize,
      offset: options.offset ?? 0,
      limit: options.limit,
    });
    for await (const listed of orderedConcurrentMap(keys, this.options.listConcurrency, (key) => this.fetchListed(key))) {
      if (listed.kind === 'item') yield listed.item;
      else if (listed.kind === 'invalid') options.onInvalid?.(listed.error);
    }
  }

  /** `If-None-Match: *` on the flag (inside HistoryLog's protocol with history): of concurrent creates, one lands. */
  private async createNew(featureName: string, options: StoreCreateOptions = {}, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    const item = newItem(featureName, options);
    if (this.log !== undefined) {
      await this.logged('createIfAbsent', featureName, contextOrDefault(context, 'create_if_absent'), (current) => {
        if (current !== undefined) throw new FlagExistsError(featureName);
        return { text: encodeDocument(item), value: undefined };
      });
    } else if (!(await this.objects.write('createIfAbsent', this.keys.keyOf(featureName), item, { IfNoneMatch: '*' }))) {
      throw new FlagExistsError(featureName);
    }
    return item;
  }

  private logged<T>(operation: string, featureName: string, context: WriteContext, decide: (current: string | undefined) => WriteDecision<T>): Promise<T> {
    return this.log!.write(operation, this.keys.keyOf(featureName), featureName, context, decide);
  }

  /** Reads with the object's ETag and writes with `If-Match` on it (see `writeIfUnchanged`). */
  private conditionalAccess(operation: string, key: string, featureName: string): ConditionalAccess<string | undefined> {
    return {
      storeName: STORE_NAME,
      featureName,
      maxAttempts: this.options.maxUpdateAttempts,
      read: () => this.objects.read(operation, key, featureName, 'read-before-write'),
      write: (next, etag) => this.writeIfUnchanged(operation, key, next, etag),
    };
  }

  private async writeIfUnchanged(
    operation: string,
    key: string,
    next: FeatureFlagStoreItem,
    etag: string | undefined,
  ): Promise<boolean> {
    if (!this.options.conditionalWrites) return this.objects.write(operation, key, next);
    if (await this.objects.write(operation, key, next, { IfMatch: etag })) return true;
    // A 412 also answers the SDK's retry of a write whose first answer was lost after it had
    // landed. Then the stored document is exactly ours, and applying the change again (a second
    // copy of an added condition) would be wrong.
    const now = await this.objects.read(operation, key, next.featureName);
    return now !== undefined && encodeDocument(now.item) === encodeDocument(next);
  }

  /** A page of the keys under the prefix that hold flags (the prefix's own "folder" object does not). */
  private async flagKeyPage(token: string | undefined, maxKeys: number): Promise<KeyPage> {
    const page = await this.objects.listPage(this.keys.prefix, token, maxKeys);
    return { keys: page.keys.filter((key) => this.keys.nameOf(key) !== undefined), nextToken: page.nextToken };
  }

  private async fetchListed(key: string): Promise<ListedObject> {
    try {
      const stored = await this.objects.read('list', key, this.keys.nameOf(key)!, 'read', true);
      // Deleted between the listing and the read: no longer part of the listing.
      return stored === undefined ? { kind: 'gone' } : { kind: 'item', item: stored.item };
    } catch (error) {
      if (error instanceof InvalidDocumentError) return { kind: 'invalid', error };
      throw error;
    }
  }
}

function newItem(featureName: string, options: StoreCreateOptions): FeatureFlagStoreItem {
  return new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, new FeatureFlagMeta({ clientData: options.clientData ?? {} }));
}
