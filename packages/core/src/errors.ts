/**
 * The error family of the library. Every error says which flag it concerns (when one is known),
 * what was wrong, and keeps the underlying error as `cause`, so a log line is enough to act on.
 */
import './loaded-copies.js';

export type FlipperErrorCode =
  | 'FLAG_NOT_FOUND'
  | 'FLAG_EXISTS'
  | 'HISTORY_ENTRY_NOT_FOUND'
  | 'NOT_SUPPORTED'
  | 'INVALID_ARGUMENT'
  | 'INVALID_DOCUMENT'
  | 'STORE_FAILURE'
  | 'WRITE_NOT_APPLIED'
  | 'WRITE_OUTCOME_UNKNOWN'
  | 'UPDATE_CONFLICT'
  | 'SYNC_EVALUATION_UNAVAILABLE'
  | 'EVALUATION_FAILED'
  | 'LISTENER_FAILED';

export interface FlipperErrorOptions {
  featureName?: string | undefined;
  cause?: unknown;
}

const NAME_SHOWN_MAX = 80;

/** Quotes a flag name for a message, cut short so a hostile 10 kB name cannot flood a log. */
export function describeFlag(featureName: string): string {
  const shown =
    featureName.length > NAME_SHOWN_MAX ? `${featureName.slice(0, NAME_SHOWN_MAX)}…` : featureName;
  return JSON.stringify(shown);
}

function prefix(featureName: string | undefined): string {
  return featureName === undefined ? 'flipper: ' : `flipper: flag ${describeFlag(featureName)}: `;
}

export class FlipperError extends Error {
  readonly code: FlipperErrorCode;
  readonly featureName: string | undefined;

  constructor(code: FlipperErrorCode, message: string, options: FlipperErrorOptions = {}) {
    super(prefix(options.featureName) + message, { cause: options.cause });
    this.name = 'FlipperError';
    this.code = code;
    this.featureName = options.featureName;
  }
}

/** A write or a read of metadata addressed a flag that is not in the store. */
export class FlagDoesNotExistError extends FlipperError {
  constructor(featureName: string, options: Omit<FlipperErrorOptions, 'featureName'> = {}) {
    super('FLAG_NOT_FOUND', 'does not exist', { ...options, featureName });
    this.name = 'FlagDoesNotExistError';
  }
}

/** `createIfAbsent` found a flag of that name already stored; nothing was written. */
export class FlagExistsError extends FlipperError {
  constructor(featureName: string, options: Omit<FlipperErrorOptions, 'featureName'> = {}) {
    super('FLAG_EXISTS', 'already exists', { ...options, featureName });
    this.name = 'FlagExistsError';
  }
}

/** A rollback named a history entry the store does not keep for that flag (never written, or trimmed). */
export class HistoryEntryNotFoundError extends FlipperError {
  readonly entryId: string;

  constructor(featureName: string, entryId: string) {
    super('HISTORY_ENTRY_NOT_FOUND', `has no history entry ${JSON.stringify(entryId)} (never written, or trimmed by retention)`, { featureName });
    this.name = 'HistoryEntryNotFoundError';
    this.entryId = entryId;
  }
}

/** The store lacks a capability the call needs (history, a create that never overwrites...). */
export class NotSupportedError extends FlipperError {
  readonly store: string;
  readonly capability: string;

  constructor(store: string, capability: string, options: FlipperErrorOptions = {}) {
    super('NOT_SUPPORTED', `${store} store: ${capability} is not supported`, options);
    this.name = 'NotSupportedError';
    this.store = store;
    this.capability = capability;
  }
}

/** An argument was rejected before anything was written. */
export class InvalidArgumentError extends FlipperError {
  constructor(message: string, options: FlipperErrorOptions = {}) {
    super('INVALID_ARGUMENT', message, options);
    this.name = 'InvalidArgumentError';
  }
}

/**
 * A stored document could not be read as a flag: not JSON, a foreign shape, an unknown
 * operator, bucketer or percentage type. `part` points at the offending member.
 */
export class InvalidDocumentError extends FlipperError {
  readonly part: string;

  constructor(featureName: string, part: string, message: string, options: { cause?: unknown } = {}) {
    super('INVALID_DOCUMENT', `stored document is invalid at ${part}: ${message}`, {
      ...options,
      featureName,
    });
    this.name = 'InvalidDocumentError';
    this.part = part;
  }
}

/** The codes a {@link StoreError} carries: a failure in general, or a write whose fate is known or not. */
export type StoreFailureCode = 'STORE_FAILURE' | 'WRITE_NOT_APPLIED' | 'WRITE_OUTCOME_UNKNOWN';

export interface StoreErrorOptions extends FlipperErrorOptions {
  /** Default `STORE_FAILURE`; the write errors below set their own. */
  code?: StoreFailureCode;
}

/**
 * The backend failed or could not be reached; `store` names the backend and `operation` the call.
 * A failed write is one of the two subclasses when the store can tell what became of it:
 * {@link WriteNotAppliedError} (`WRITE_NOT_APPLIED`: it did not happen and never will) or
 * {@link WriteOutcomeUnknownError} (`WRITE_OUTCOME_UNKNOWN`: it may have happened). A plain
 * `STORE_FAILURE` on a write means the same as `WRITE_OUTCOME_UNKNOWN`: re-read before retrying.
 */
export class StoreError extends FlipperError {
  readonly store: string;
  readonly operation: string;

  constructor(store: string, operation: string, message: string, options: StoreErrorOptions = {}) {
    super(options.code ?? 'STORE_FAILURE', `${store} store: ${operation} failed: ${message}`, options);
    this.name = 'StoreError';
    this.store = store;
    this.operation = operation;
  }
}

/**
 * A write that certainly did not change the store, and never will: it was never sent, the
 * backend answered with an error, or it refused the write because its deadline had passed. Safe
 * to retry as it is.
 */
export class WriteNotAppliedError extends StoreError {
  constructor(store: string, operation: string, message: string, options: FlipperErrorOptions = {}) {
    super(store, operation, `${message}; the write was not applied`, { ...options, code: 'WRITE_NOT_APPLIED' });
    this.name = 'WriteNotAppliedError';
  }
}

/**
 * A write whose answer never came (a timeout, a connection lost while it was in flight): it may
 * have been applied, or not. It is never applied later than its deadline, so once this error is
 * seen the store no longer changes because of it; read the flag to learn which way it went
 * before retrying a write that is not idempotent (an added condition).
 */
export class WriteOutcomeUnknownError extends StoreError {
  constructor(store: string, operation: string, message: string, options: FlipperErrorOptions = {}) {
    super(store, operation, `${message}; the write may or may not have been applied`, {
      ...options,
      code: 'WRITE_OUTCOME_UNKNOWN',
    });
    this.name = 'WriteOutcomeUnknownError';
  }
}

/** A compare-and-set update kept losing to concurrent writers and gave up. */
export class UpdateConflictError extends FlipperError {
  readonly attempts: number;

  constructor(featureName: string, store: string, attempts: number) {
    super('UPDATE_CONFLICT', `${store} store: update lost to concurrent writers ${attempts} times`, {
      featureName,
    });
    this.name = 'UpdateConflictError';
    this.attempts = attempts;
  }
}

/** `isEnabledSync` was called on a store that does not hold a complete local copy right now. */
export class SyncEvaluationUnavailableError extends FlipperError {
  constructor(featureName: string, reason: string) {
    super('SYNC_EVALUATION_UNAVAILABLE', `synchronous evaluation unavailable: ${reason}`, {
      featureName,
    });
    this.name = 'SyncEvaluationUnavailableError';
  }
}

/** Evaluation could not complete (for instance checks that cannot be hashed); reported, never thrown by `isEnabled`. */
export class EvaluationError extends FlipperError {
  constructor(featureName: string, message: string, options: { cause?: unknown } = {}) {
    super('EVALUATION_FAILED', message, { ...options, featureName });
    this.name = 'EvaluationError';
  }
}

/** `error` as a FlipperError: ours pass through, anything else becomes a `StoreError` of `store` naming the flag. */
export function asFlipperError(store: string, operation: string, error: unknown, featureName?: string): FlipperError {
  if (error instanceof FlipperError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(store, operation, message, { featureName, cause: error });
}

/** The `EvaluationError` for checks that a flag's evaluation threw on. */
export function evaluationFailed(featureName: string, error: unknown): EvaluationError {
  const message = error instanceof Error ? error.message : String(error);
  return new EvaluationError(featureName, `checks could not be evaluated: ${message}`, { cause: error });
}
