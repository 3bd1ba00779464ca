import { FlagDoesNotExistError, InvalidArgumentError, InvalidDocumentError, StoreError } from '@flipper-client/core/store';

/** The error codes of OFREP 0.3.0 (its `errorCode` enums), the only ones this server answers with. */
export type OfrepErrorCode = 'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'GENERAL' | 'FLAG_NOT_FOUND';

/**
 * A refusal or failure answered as the protocol says: a status of the OpenAPI document (400,
 * 401, 403, 404, 429, 500) and an `errorCode` with `errorDetails` for a person. `details` never
 * holds a stack, a store's address or a credential.
 */
export class OfrepError extends Error {
  override readonly name = 'OfrepError';

  /** For 429: seconds until a request may succeed again. */
  readonly retryAfterSeconds: number | undefined;
  /** For 405: the method the endpoint takes. */
  readonly allow: string | undefined;

  constructor(
    readonly status: number,
    readonly errorCode: OfrepErrorCode,
    readonly details: string,
    options: { retryAfterSeconds?: number; allow?: string; cause?: unknown } = {},
  ) {
    super(details, options.cause === undefined ? {} : { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.allow = options.allow;
  }
}

export function parseError(details: string): OfrepError {
  return new OfrepError(400, 'PARSE_ERROR', details);
}

export function invalidContext(details: string): OfrepError {
  return new OfrepError(400, 'INVALID_CONTEXT', details);
}

export function flagNotFound(key: string): OfrepError {
  return new OfrepError(404, 'FLAG_NOT_FOUND', `flag ${JSON.stringify(key)} was not found`);
}

/**
 * A failure to read a flag, as the protocol's error: a name no store can hold names no flag
 * (404), a stored document that cannot be decoded is PARSE_ERROR, and a store that failed or
 * timed out is GENERAL; both are 500s that say what failed, never how (the store's own message
 * goes to `onError` only).
 */
export function readFailure(key: string, error: unknown): OfrepError {
  if (error instanceof FlagDoesNotExistError || error instanceof InvalidArgumentError) return flagNotFound(key);
  if (error instanceof InvalidDocumentError) return new OfrepError(500, 'PARSE_ERROR', `the stored document of flag ${JSON.stringify(key)} cannot be read`, { cause: error });
  return storeFailure(error);
}

/** The store failed (or something unexpected did): a 500 that says so and nothing more. */
export function storeFailure(error: unknown): OfrepError {
  if (error instanceof OfrepError) return error;
  if (error instanceof StoreError) return new OfrepError(500, 'GENERAL', `the flag store (${error.store}) is unavailable; try again later`, { cause: error });
  return new OfrepError(500, 'GENERAL', 'an internal error occurred', { cause: error });
}
