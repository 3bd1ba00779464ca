import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  decodeDocument,
  encodeDocument,
  FeatureFlagMeta,
  FeatureFlagStoreItem,
  FlagDoesNotExistError,
  InvalidDocumentError,
  UpdateConflictError,
  updateWithCompareAndSet,
  type FeatureFlagStore,
  type ItemChange,
  type StoreCreateOptions,
  type StoreListOptions,
  type VersionedItem,
} from '@flipper-client/core';
import { listKeys, type KeyPage } from './key-listing.js';
import { objectKeyOf } from './object-key.js';
import { resolveOptions, type ResolvedS3Options, type S3FeatureFlagStoreOptions } from './options.js';
import { orderedConcurrentMap } from './ordered-concurrent-map.js';
import { withDeadline } from './request-deadline.js';
import { isLostRace, isMissingObject, storeError, type FailureContext } from './s3-errors.js';

const CONTENT_TYPE = 'application/json';

/** A stored flag with the ETag its conditional write compares against. */
type StoredObject = VersionedItem<string | undefined>;

/** What the listing makes of one key. */
type ListedObject =
  | { readonly kind: 'item'; readonly item: FeatureFlagStoreItem }
  | { readonly kind: 'invalid'; readonly error: InvalidDocumentError }
  | { readonly kind: 'gone' };

/**
 * Flags as objects in an S3 bucket: one JSON document per flag (SPEC §5, byte-identical with
 * the Python library's), the flag name as the key at the bucket root, `application/json`.
 *
 * `update` is a compare-and-set on the object's ETag (`If-Match`), retried on 412; `list` pages
 * through ListObjectsV2 and yields flags in the order S3 lists keys (UTF-8 binary order on
 * Amazon S3). There is no change feed: S3 has none to offer.
 */
export class S3FeatureFlagStore implements FeatureFlagStore {
  readonly storeName = 's3';
  readonly atomicUpdates: boolean;
  private readonly options: ResolvedS3Options;

  constructor(
    private readonly client: S3Client,
    readonly bucketName: string,
    options: S3FeatureFlagStoreOptions = {},
  ) {
    this.options = resolveOptions(bucketName, options);
    this.atomicUpdates = this.options.conditionalWrites;
  }

  async create(featureName: string, options: StoreCreateOptions = {}): Promise<FeatureFlagStoreItem> {
    const key = objectKeyOf(featureName);
    const meta = new FeatureFlagMeta({ clientData: options.clientData ?? {} });
    const item = new FeatureFlagStoreItem(featureName, options.isEnabled ?? false, meta);
    await this.put('create', key, item, {});
    return item;
  }

  async get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return (await this.read('get', objectKeyOf(featureName), featureName))?.item;
  }

  async set(featureName: string, isEnabled: boolean): Promise<void> {
    const key = objectKeyOf(featureName);
    for (let attempt = 1; attempt <= this.options.maxUpdateAttempts; attempt++) {
      try {
        await this.update(featureName, (item) => item.withEnabled(isEnabled));
        return;
      } catch (error) {
        if (!(error instanceof FlagDoesNotExistError)) throw error;
      }
      // Missing: create it, unless another writer creates it first (then update that one).
      const created = new FeatureFlagStoreItem(featureName, isEnabled);
      const precondition = this.options.conditionalWrites ? { IfNoneMatch: '*' } : {};
      if (await this.put('set', key, created, precondition)) return;
    }
    throw new UpdateConflictError(featureName, this.storeName, this.options.maxUpdateAttempts);
  }

  async delete(featureName: string): Promise<void> {
    const key = objectKeyOf(featureName);
    await this.request({ operation: 'delete', key, featureName }, (abortSignal) =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucketName, Key: key }), { abortSignal }),
    );
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    await this.update(featureName, (item) => item.withMeta(meta));
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    const key = objectKeyOf(featureName);
    return updateWithCompareAndSet<string | undefined>({
      storeName: this.storeName,
      featureName,
      change,
      maxAttempts: this.options.maxUpdateAttempts,
      read: () => this.read('update', key, featureName),
      write: (next, etag) => this.put('update', key, next, this.options.conditionalWrites ? { IfMatch: etag } : {}),
    });
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    const keys = listKeys((token, maxKeys) => this.listPage(token, maxKeys), {
      pageSize: this.options.pageSize,
      offset: options.offset ?? 0,
      limit: options.limit,
    });
    for await (const listed of orderedConcurrentMap(keys, this.options.listConcurrency, (key) => this.fetchListed(key))) {
      if (listed.kind === 'item') yield listed.item;
      else if (listed.kind === 'invalid') options.onInvalid?.(listed.error);
    }
  }

  private async fetchListed(key: string): Promise<ListedObject> {
    try {
      const stored = await this.read('list', key, key);
      // Deleted between the listing and the read: not part of the listing any more.
      return stored === undefined ? { kind: 'gone' } : { kind: 'item', item: stored.item };
    } catch (error) {
      if (error instanceof InvalidDocumentError) return { kind: 'invalid', error };
      throw error;
    }
  }

  private async listPage(continuationToken: string | undefined, maxKeys: number): Promise<KeyPage> {
    const page = await this.request({ operation: 'list' }, (abortSignal) =>
      this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucketName, MaxKeys: maxKeys, ContinuationToken: continuationToken }),
        { abortSignal },
      ),
    );
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [object.Key]));
    const nextToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    if (page.IsTruncated === true && nextToken === undefined) {
      throw storeError({ operation: 'list', bucket: this.bucketName }, new Error('a truncated page came without a continuation token'));
    }
    return { keys, nextToken };
  }

  /** The stored flag and its ETag, or undefined when there is no object under the key. */
  private async read(operation: string, key: string, featureName: string): Promise<StoredObject | undefined> {
    const response = await this.request({ operation, key, featureName }, async (abortSignal) => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucketName, Key: key }), { abortSignal });
        const body = object.Body === undefined ? new Uint8Array() : await object.Body.transformToByteArray();
        return { body, etag: object.ETag };
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    });
    if (response === undefined) return undefined;
    if (this.options.conditionalWrites && response.etag === undefined) {
      throw storeError({ operation, bucket: this.bucketName, key, featureName }, new Error('the object came without an ETag'));
    }
    return { item: decodeDocument(featureName, response.body), version: response.etag };
  }

  /** Writes the document; resolves false when a precondition failed (another writer won). */
  private async put(
    operation: string,
    key: string,
    item: FeatureFlagStoreItem,
    precondition: { IfMatch?: string | undefined; IfNoneMatch?: string },
  ): Promise<boolean> {
    const conditional = precondition.IfMatch !== undefined || precondition.IfNoneMatch !== undefined;
    const body = encodeDocument(item);
    const written = await this.request({ operation, key, featureName: item.featureName }, async (abortSignal) => {
      try {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucketName, Key: key, Body: body, ContentType: CONTENT_TYPE, ...precondition }),
          { abortSignal },
        );
        return true;
      } catch (error) {
        // If-Match on an object deleted meanwhile answers 404: the next read sees it is gone.
        if (conditional && (isLostRace(error) || (precondition.IfMatch !== undefined && isMissingObject(error)))) return false;
        throw error;
      }
    });
    return written;
  }

  private async request<T>(context: Omit<FailureContext, 'bucket'>, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withDeadline(this.options.requestTimeoutMs, run);
    } catch (error) {
      throw storeError({ ...context, bucket: this.bucketName }, error);
    }
  }
}
