import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  assertReadableSize,
  assertWritableSize,
  decodeDocument,
  encodeDocument,
  strictDocumentText,
  type FeatureFlagStoreItem,
  type StoreError,
  type VersionedItem,
} from '@flipper-client/core/store';
import { isLostRace, isMissingObject, storeError, type FailureContext } from './errors.js';
import type { KeyPage } from './key-listing.js';
import { withDeadline } from './request-deadline.js';

const CONTENT_TYPE = 'application/json';

/** A stored flag with the ETag a conditional write compares against. */
export type StoredFlag = VersionedItem<string | undefined>;

/** What a failure names besides the store and the bucket. */
type FlagObjectContext = Omit<FailureContext, 'store' | 'bucket'>;

/** `If-Match: <etag>` to replace only that version, `If-None-Match: *` to create only. */
export interface WritePrecondition {
  IfMatch?: string | undefined;
  IfNoneMatch?: '*';
}

/**
 * The S3 requests behind the store, one object per flag: each under the request deadline, each
 * failure turned into a `StoreError` naming the operation, the flag, the bucket and the key.
 */
export class FlagObjects {
  constructor(
    private readonly storeName: string,
    private readonly client: S3Client,
    readonly bucket: string,
    private readonly requestTimeoutMs: number,
    private readonly requireEtag: boolean,
    private readonly maxDocumentBytes: number,
  ) {}

  /**
   * The stored flag, or undefined when no object has the key. Corrupt documents reject with
   * `InvalidDocumentError`, one over `maxDocumentBytes` with `DocumentTooLargeError` before it is
   * decoded. `kind` says what a failure means for a write that depends on this read. A listing
   * reads it `strict`: bytes that are not UTF-8 are refused rather than decoded as U+FFFD (the
   * ETag, not the text, is what a conditional write compares, so updates are not affected).
   */
  async read(
    operation: string,
    key: string,
    featureName: string,
    kind: FlagObjectContext['kind'] = 'read',
    strict = false,
  ): Promise<StoredFlag | undefined> {
    const found = await this.request({ operation, key, featureName, kind }, async (abortSignal) => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal });
        const body = object.Body === undefined ? new Uint8Array() : await object.Body.transformToByteArray();
        return { body, etag: object.ETag };
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    });
    if (found === undefined) return undefined;
    if (this.requireEtag && found.etag === undefined) {
      throw this.failure({ operation, key, featureName }, new Error('the object came without an ETag'));
    }
    assertReadableSize(featureName, found.body.length, this.maxDocumentBytes);
    const document = strict ? strictDocumentText(featureName, found.body) : found.body;
    return { item: decodeDocument(featureName, document), version: found.etag };
  }

  /** Writes the flag's document; resolves false when the precondition did not hold. */
  async write(operation: string, key: string, item: FeatureFlagStoreItem, precondition: WritePrecondition = {}): Promise<boolean> {
    const conditional = precondition.IfMatch !== undefined || precondition.IfNoneMatch !== undefined;
    const body = encodeDocument(item);
    assertWritableSize(item.featureName, body, this.maxDocumentBytes);
    return this.request({ operation, key, featureName: item.featureName, kind: 'write' }, async (abortSignal) => {
      try {
        await this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: CONTENT_TYPE, ...precondition }),
          { abortSignal },
        );
        return true;
      } catch (error) {
        // If-Match on an object deleted meanwhile answers 404: the next read finds it gone.
        if (conditional && (isLostRace(error) || (precondition.IfMatch !== undefined && isMissingObject(error)))) return false;
        throw error;
      }
    });
  }

  /** The exact text stored at `key` with its ETag, or undefined when no object has the key. */
  async readText(operation: string, key: string, featureName: string): Promise<{ text: string; etag: string | undefined } | undefined> {
    return this.request({ operation, key, featureName }, async (abortSignal) => {
      try {
        const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal });
        return { text: object.Body === undefined ? '' : await object.Body.transformToString('utf-8'), etag: object.ETag };
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    });
  }

  /** Writes `text` at `key` under the precondition; resolves false when it did not hold. */
  async writeText(operation: string, key: string, featureName: string, text: string, precondition: WritePrecondition): Promise<boolean> {
    return this.request({ operation, key, featureName }, async (abortSignal) => {
      try {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: text, ContentType: CONTENT_TYPE, ...precondition }), { abortSignal });
        return true;
      } catch (error) {
        if (isLostRace(error) || (precondition.IfMatch !== undefined && isMissingObject(error))) return false;
        throw error;
      }
    });
  }

  /** DeleteObject, only of the version with `etag` when given; resolves false when that did not hold. */
  async deleteKey(operation: string, key: string, featureName: string, etag?: string): Promise<boolean> {
    return this.request({ operation, key, featureName }, async (abortSignal) => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, ...(etag === undefined ? {} : { IfMatch: etag }) }), { abortSignal });
        return true;
      } catch (error) {
        if (etag !== undefined && (isLostRace(error) || isMissingObject(error))) return false;
        throw error;
      }
    });
  }

  async delete(key: string, featureName: string): Promise<void> {
    await this.request({ operation: 'delete', key, featureName, kind: 'write' }, (abortSignal) =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal }),
    );
  }

  /** One ListObjectsV2 page of the keys that start with `prefix` (all keys when it is empty). */
  async listPage(prefix: string, continuationToken: string | undefined, maxKeys: number): Promise<KeyPage> {
    const page = await this.request({ operation: 'list' }, (abortSignal) =>
      this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          MaxKeys: maxKeys,
          ContinuationToken: continuationToken,
          ...(prefix === '' ? {} : { Prefix: prefix }),
        }),
        { abortSignal },
      ),
    );
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [object.Key]));
    const nextToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    if (page.IsTruncated === true && nextToken === undefined) {
      throw this.failure({ operation: 'list' }, new Error('a truncated page came without a continuation token'));
    }
    return { keys, nextToken };
  }

  private async request<T>(context: FlagObjectContext, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await withDeadline(this.requestTimeoutMs, run);
    } catch (error) {
      throw this.failure(context, error);
    }
  }

  private failure(context: FlagObjectContext, error: unknown): StoreError {
    return storeError({ ...context, store: this.storeName, bucket: this.bucket }, error);
  }
}
