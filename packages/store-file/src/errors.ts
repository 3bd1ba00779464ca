import { FlipperError, StoreError } from '@flipper-client/core/store';

/** The file's text is not a flag file: not JSON, not one object of flag documents, a flag twice. */
export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
}

/** The file that held flags is gone: deleted, or being replaced (`git` deletes, then creates). */
export class FileGoneError extends Error {
  override readonly name = 'FileGoneError';

  constructor() {
    super('the file is gone (deleted, or being replaced); write it again to go on, `{}` for no flags');
  }
}

/**
 * A failure of the file system or of the file's content as the core's `StoreError`, naming the
 * file, the operation and the flag; the library's own errors (a missing flag, a document that
 * does not decode) pass through unchanged. A path holds no credentials, so nothing is cut out.
 */
export function fileStoreError(storeName: string, path: string, operation: string, featureName: string | undefined, error: unknown): FlipperError {
  return error instanceof FlipperError ? error : fileFailure(storeName, path, operation, featureName, error);
}

/** A failure of the file system or of the file's content, always as a `StoreError`. */
export function fileFailure(storeName: string, path: string, operation: string, featureName: string | undefined, error: unknown): StoreError {
  const message = error instanceof Error ? error.message : String(error);
  const why = error instanceof FileFormatError ? `${path} is not a flag file: ${message}` : `${path}: ${message}`;
  return new StoreError(storeName, operation, why, { featureName, cause: error });
}
