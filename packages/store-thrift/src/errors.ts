import { FlagDoesNotExistError, StoreError, WriteNotAppliedError, WriteOutcomeUnknownError, type FlipperError } from '@flipper-client/core/store';

/** ErrorCode.NOT_FOUND of the IDL. */
const NOT_FOUND = 0;

interface FlipperExceptionLike {
  name: 'FlipperException';
  code?: number | null;
  message?: string | null;
}

/** A FlipperException from any copy of the generated code (matched by name, not by class). */
export function isFlipperException(error: unknown): error is FlipperExceptionLike {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'FlipperException';
}

export function isNotFound(error: unknown): boolean {
  return isFlipperException(error) && error.code === NOT_FOUND;
}

function describeFailure(error: unknown): string {
  if (isFlipperException(error)) {
    const message = error.message ?? '';
    return `the server raised FlipperException${error.code === null || error.code === undefined ? '' : ` (code ${error.code})`}${message === '' ? '' : `: ${message}`}`;
  }
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  // The generated client rejects with a bare string when a reply holds neither result nor error.
  return String(error);
}

/**
 * The typed error for a failed call: a NOT_FOUND where the contract expects an existing flag
 * becomes FlagDoesNotExistError, anything else a StoreError naming the store, the operation and
 * the flag.
 */
export function callError(
  storeName: string,
  operation: string,
  featureName: string | undefined,
  error: unknown,
  write?: { sent: boolean },
): FlipperError {
  if (featureName !== undefined && isNotFound(error) && (operation === 'setMeta' || operation === 'set')) {
    return new FlagDoesNotExistError(featureName, { cause: error });
  }
  const message = describeFailure(error);
  const options = { featureName, cause: error };
  if (write === undefined) return new StoreError(storeName, operation, message, options);
  // Never written to the connection, or answered with the server's own exception: it did not
  // happen. Sent and then no answer (a timeout, the connection dropped): the server may have run it.
  return !write.sent || isFlipperException(error)
    ? new WriteNotAppliedError(storeName, operation, message, options)
    : new WriteOutcomeUnknownError(storeName, operation, message, options);
}
