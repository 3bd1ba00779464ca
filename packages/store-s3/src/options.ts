import { InvalidArgumentError, resolveHistoryRetention, resolveMaxDocumentBytes, type HistoryRetention, type ResolvedHistoryRetention } from '@flipper-client/core/store';
import { controlCharacterIndex, describeControlCharacter, MAX_KEY_BYTES } from './object-key.js';

export interface S3StoreOptions {
  /**
   * Put every flag under this key prefix: `'flags/'` keeps flag `F` at key `flags/F`, and `list`
   * lists only that prefix. Default `''`: the flag name is the key at the bucket root, where the
   * Python library keeps flags.
   */
  prefix?: string;
  /** Keys asked for per ListObjectsV2 request, 1–1000 (S3's own maximum); default 1000. */
  pageSize?: number;
  /** Flag documents `list` fetches at once; default 8. */
  listConcurrency?: number;
  /**
   * Make `update` atomic with conditional writes (`If-Match` on the ETag, `If-None-Match: *` when
   * `set` creates a flag); default true. Set false for a server that rejects the headers; the store
   * then declares `atomicUpdates: false` and the last writer wins. A server that silently ignores
   * them (s3rver, some S3-compatible services) also makes the last writer win: see the README.
   */
  conditionalWrites?: boolean;
  /** Deadline of one S3 request, SDK retries and body included; default 5000 ms. */
  requestTimeoutMs?: number;
  /** Compare-and-set attempts before `update` gives up with `UpdateConflictError`; default 50. */
  maxUpdateAttempts?: number;
  /**
   * The largest document read or written, in bytes; default 1 MiB. A larger object is refused
   * before it is decoded (`DocumentTooLargeError`), a larger write before it is sent.
   */
  maxDocumentBytes?: number;
  /**
   * Keep history (see the README's "History"); off by default, because the default flags live
   * at the bucket root, which the Python library lists whole. Needs `conditionalWrites`.
   */
  history?: S3HistoryOptions | false;
}

/** Where an S3 store keeps history, and how much. */
export interface S3HistoryOptions extends HistoryRetention {
  /** The bucket of the history objects; default the flags' bucket. */
  bucket?: string;
  /**
   * The key prefix of the history objects. Default `<prefix without its trailing />.history/`
   * beside the flags' prefix. In the flags' bucket it must not start with the flags' prefix
   * (the listing, ours and the Python library's, would find the entries), so flags at the
   * bucket root need a history bucket of their own.
   */
  prefix?: string;
}

export interface ResolvedS3History {
  readonly bucket: string;
  readonly prefix: string;
  readonly retention: ResolvedHistoryRetention;
}

export interface ResolvedS3StoreOptions {
  readonly prefix: string;
  readonly pageSize: number;
  readonly listConcurrency: number;
  readonly conditionalWrites: boolean;
  readonly requestTimeoutMs: number;
  readonly maxUpdateAttempts: number;
  readonly maxDocumentBytes: number;
  readonly history: ResolvedS3History | undefined;
}

/** The most keys one ListObjectsV2 response holds. */
export const MAX_PAGE_SIZE = 1000;

function integerIn(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`s3 store: ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function resolvePrefix(prefix: unknown): string {
  if (prefix === undefined) return '';
  if (typeof prefix !== 'string') throw new InvalidArgumentError(`s3 store: prefix must be a string, got ${typeof prefix}`);
  const control = controlCharacterIndex(prefix);
  if (control >= 0) {
    throw new InvalidArgumentError(`s3 store: prefix holds the control character ${describeControlCharacter(prefix, control)}`);
  }
  // A lone surrogate has no UTF-8 form: it would reach S3 as U+FFFD.
  if (Buffer.from(prefix, 'utf8').toString('utf8') !== prefix) {
    throw new InvalidArgumentError('s3 store: prefix holds a lone UTF-16 surrogate, which has no UTF-8 form');
  }
  // A key holds at most 1,024 bytes, and the prefix must leave room for a name.
  if (Buffer.byteLength(prefix, 'utf8') >= MAX_KEY_BYTES) {
    throw new InvalidArgumentError(`s3 store: prefix must be shorter than ${MAX_KEY_BYTES} UTF-8 bytes`);
  }
  return prefix;
}

export function resolveOptions(bucketName: unknown, options: S3StoreOptions): ResolvedS3StoreOptions {
  if (typeof bucketName !== 'string' || bucketName.length === 0) {
    throw new InvalidArgumentError('s3 store: the bucket name must be a non-empty string');
  }
  const conditionalWrites = options.conditionalWrites ?? true;
  if (typeof conditionalWrites !== 'boolean') {
    throw new InvalidArgumentError('s3 store: conditionalWrites must be a boolean');
  }
  return {
    prefix: resolvePrefix(options.prefix),
    pageSize: integerIn('pageSize', options.pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    listConcurrency: integerIn('listConcurrency', options.listConcurrency, 8, 1, 1000),
    conditionalWrites,
    requestTimeoutMs: integerIn('requestTimeoutMs', options.requestTimeoutMs, 5000, 1, 3_600_000),
    maxUpdateAttempts: integerIn('maxUpdateAttempts', options.maxUpdateAttempts, 50, 1, 10_000),
    maxDocumentBytes: resolveMaxDocumentBytes('s3 store', options.maxDocumentBytes),
    history: resolveHistory(bucketName, resolvePrefix(options.prefix), conditionalWrites, options.history),
  };
}

function resolveHistory(bucket: string, flagPrefix: string, conditionalWrites: boolean, history: S3HistoryOptions | false | undefined): ResolvedS3History | undefined {
  if (history === undefined || history === false) return undefined;
  if (!conditionalWrites) throw new InvalidArgumentError('s3 store: history needs conditionalWrites, which order its entries');
  const historyBucket = history.bucket ?? bucket;
  if (typeof historyBucket !== 'string' || historyBucket === '') throw new InvalidArgumentError('s3 store: history.bucket must be a non-empty string');
  const fallback = historyBucket !== bucket ? 'flipper-history/' : flagPrefix === '' ? undefined : `${flagPrefix.replace(/\/+$/, '')}.history/`;
  const prefix = resolvePrefix(history.prefix ?? fallback);
  if (historyBucket === bucket && (prefix === '' || prefix.startsWith(flagPrefix))) {
    throw new InvalidArgumentError(
      `s3 store: history objects at ${JSON.stringify(prefix)} would be listed with the flags at ${JSON.stringify(flagPrefix)}; ` +
        'give history a prefix outside the flags\' prefix, or a bucket of its own',
    );
  }
  return { bucket: historyBucket, prefix, retention: resolveHistoryRetention('s3 store', history) };
}
