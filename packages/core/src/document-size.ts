import { decodeDocument } from './document.js';
import { InvalidArgumentError, InvalidDocumentError } from './errors.js';
import type { FeatureFlagStoreItem } from './item.js';

/** The default largest document a store reads or writes: 1 MiB. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * A stored document over the store's `maxDocumentBytes`, refused before it is decoded: one
 * hostile or runaway document (a million client-data keys) would otherwise stall every
 * evaluation of the process while it is parsed. The flag answers its default, with this error
 * as the `error` event; it can still be deleted, or replaced whole.
 */
export class DocumentTooLargeError extends InvalidDocumentError {
  readonly bytes: number;
  readonly limit: number;

  constructor(featureName: string, bytes: number, limit: number) {
    super(featureName, 'document', `${describeBytes(bytes)} is over the store's maxDocumentBytes of ${describeBytes(limit)}; not decoded`);
    this.name = 'DocumentTooLargeError';
    this.bytes = bytes;
    this.limit = limit;
  }
}

function describeBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/** Checks a `maxDocumentBytes` option; `store` prefixes the message (`redis store`). */
export function resolveMaxDocumentBytes(store: string, value: number | undefined): number {
  const limit = value ?? DEFAULT_MAX_DOCUMENT_BYTES;
  if (!Number.isSafeInteger(limit) || limit <= 0) {
    throw new InvalidArgumentError(`${store}: maxDocumentBytes must be a positive whole number of bytes, got ${String(value)}`);
  }
  return limit;
}

/**
 * Refuses a stored document of `bytes` bytes over `limit` before it is decoded. Stores that
 * read text can pass `text.length` first (never more than its UTF-8 size) and the exact size
 * only when that is near the limit.
 */
export function assertReadableSize(featureName: string, bytes: number, limit: number): void {
  if (bytes > limit) throw new DocumentTooLargeError(featureName, bytes, limit);
}

/**
 * Refuses to write `document` (the text of `encodeDocument`, ASCII only, so one byte per
 * character) when it is over `limit`, with an `InvalidArgumentError` naming the flag: nothing
 * is written, and no reader is ever handed a document it would refuse.
 */
export function assertWritableSize(featureName: string, document: string, limit: number): void {
  if (document.length > limit) {
    throw new InvalidArgumentError(
      `document of ${describeBytes(document.length)} is over the store's maxDocumentBytes of ${describeBytes(limit)}; nothing written`,
      { featureName },
    );
  }
}

/**
 * `decodeDocument` for stored text, refusing text over `maxBytes` UTF-8 bytes first with a
 * `DocumentTooLargeError`. A UTF-16 unit is 1 to 3 UTF-8 bytes, so the bytes are counted only
 * when the length alone cannot decide.
 */
export function decodeDocumentWithin(featureName: string, text: string, maxBytes: number): FeatureFlagStoreItem {
  if (text.length * 3 > maxBytes) {
    assertReadableSize(featureName, text.length > maxBytes ? text.length : Buffer.byteLength(text, 'utf8'), maxBytes);
  }
  return decodeDocument(featureName, text);
}
