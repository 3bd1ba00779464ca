import { EvaluationError } from '@flipper-client/core';
import {
  FlagDoesNotExistError,
  FlipperError,
  InvalidArgumentError,
  InvalidDocumentError,
  StoreError,
  UpdateConflictError,
  WriteOutcomeUnknownError,
} from '@flipper-client/core/store';

/** The stable `code` of every error the admin app answers with. */
export type AdminErrorCode =
  | 'INVALID_BODY'
  | 'INVALID_ARGUMENT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BODY_TOO_LARGE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'READ_ONLY'
  | 'CROSS_SITE_REQUEST'
  | 'CSRF_TOKEN_INVALID'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'FLAG_NOT_FOUND'
  | 'FLAG_EXISTS'
  | 'UPDATE_CONFLICT'
  | 'EVALUATION_FAILED'
  | 'INVALID_DOCUMENT'
  | 'STORE_UNAVAILABLE'
  | 'WRITE_OUTCOME_UNKNOWN'
  | 'INTERNAL_ERROR';

/** The JSON body of every error response: `{ "error": AdminErrorBody }`. */
export interface AdminErrorBody {
  readonly code: AdminErrorCode;
  /** One sentence for a person. */
  readonly message: string;
  /** The flag the request addressed, or null. */
  readonly flag: string | null;
  /** What exactly was wrong: the member of the body, the store's message. */
  readonly cause: string;
  /** For STORE_UNAVAILABLE and WRITE_OUTCOME_UNKNOWN: the store (`redis`, `memory`...) and its error code. */
  readonly store?: string;
  readonly storeCode?: string;
}

/** An error the app answers with as it is: a status, a stable code, the flag and the cause. */
export class AdminError extends Error {
  override readonly name = 'AdminError';

  constructor(
    readonly status: number,
    readonly code: AdminErrorCode,
    message: string,
    readonly featureName: string | undefined,
    readonly detail: string,
    readonly extra: { store?: string; storeCode?: string } = {},
  ) {
    super(message);
  }

  toBody(): AdminErrorBody {
    return { code: this.code, message: this.message, flag: this.featureName ?? null, cause: this.detail, ...this.extra };
  }
}

export function invalidBody(featureName: string | undefined, detail: string): AdminError {
  return new AdminError(400, 'INVALID_BODY', 'The request body is invalid', featureName, detail);
}

/** The `code` of the first error below the store's own that has one (ECONNREFUSED, ETIMEDOUT...). */
function driverCode(error: unknown): string | undefined {
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; depth < 8 && cause instanceof Error; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    cause = cause.cause;
  }
  return undefined;
}

/** Drops the `flipper: flag "X": ` prefix the core puts on its messages: the flag is a field of its own. */
function coreDetail(error: FlipperError): string {
  return error.message.replace(/^flipper: (flag "(?:[^"\\]|\\.)*…?": )?/, '');
}

/**
 * What a failure answers: typed core errors keep their meaning (404, 400, 409, 503), anything
 * unknown is a 500 that says nothing about the code that threw (no stack, no message).
 */
export function toAdminError(error: unknown, featureName: string | undefined): AdminError {
  if (error instanceof AdminError) return error;
  const flag = error instanceof FlipperError ? (error.featureName ?? featureName) : featureName;
  if (error instanceof FlagDoesNotExistError) {
    return new AdminError(404, 'FLAG_NOT_FOUND', 'No flag of this name exists', flag, coreDetail(error));
  }
  if (error instanceof InvalidArgumentError) {
    return new AdminError(400, 'INVALID_ARGUMENT', 'The request was refused before anything was written', flag, coreDetail(error));
  }
  if (error instanceof EvaluationError) {
    return new AdminError(400, 'EVALUATION_FAILED', 'These checks cannot be evaluated', flag, coreDetail(error));
  }
  if (error instanceof UpdateConflictError) {
    return new AdminError(409, 'UPDATE_CONFLICT', 'The flag kept changing under the write; try again', flag, coreDetail(error));
  }
  if (error instanceof InvalidDocumentError) {
    return new AdminError(500, 'INVALID_DOCUMENT', 'The stored document of this flag cannot be read', flag, coreDetail(error));
  }
  if (error instanceof WriteOutcomeUnknownError) {
    // Also a 503, but a client must not retry blindly: the write may have landed.
    return new AdminError(503, 'WRITE_OUTCOME_UNKNOWN', 'The write may or may not have been applied; reload the flag before trying again', flag, coreDetail(error), {
      store: error.store,
      storeCode: error.code,
    });
  }
  if (error instanceof StoreError) {
    return new AdminError(503, 'STORE_UNAVAILABLE', 'The flag store is unreachable', flag, coreDetail(error), {
      store: error.store,
      storeCode: driverCode(error) ?? error.code,
    });
  }
  if (error instanceof FlipperError) {
    return new AdminError(500, 'INTERNAL_ERROR', 'The request failed', flag, error.code);
  }
  return new AdminError(500, 'INTERNAL_ERROR', 'The request failed', flag, 'an unexpected error; the host application can log it');
}

/**
 * `bearerTokens` was given a token that would not protect anything: unset, empty, short, or
 * given twice. `entry` says which (`write[0]`).
 */
export class AdminTokenError extends InvalidArgumentError {
  constructor(
    readonly entry: string,
    problem: string,
  ) {
    super(`admin bearerTokens: ${entry} ${problem}`);
    this.name = 'AdminTokenError';
  }
}
