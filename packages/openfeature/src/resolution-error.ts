import {
  EvaluationError,
  FlagDoesNotExistError,
  InvalidArgumentError,
  InvalidDocumentError,
} from '@flipper-client/core';
import { ErrorCode, StandardResolutionReasons, type FlagMetadata, type ResolutionDetails } from '@openfeature/server-sdk';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An evaluation that could not give the flag's answer: the caller's default, the code, and the
 * message of a core error, which names the flag (cut short when the name is huge) and the cause.
 */
function errorResolution<T>(
  defaultValue: T,
  errorCode: ErrorCode,
  error: unknown,
  flagMetadata?: FlagMetadata,
): ResolutionDetails<T> {
  return {
    value: defaultValue,
    reason: StandardResolutionReasons.ERROR,
    errorCode,
    errorMessage: messageOf(error),
    ...(flagMetadata === undefined ? {} : { flagMetadata }),
  };
}

export function flagNotFoundResolution<T>(defaultValue: T, featureName: string): ResolutionDetails<T> {
  return errorResolution(defaultValue, ErrorCode.FLAG_NOT_FOUND, new FlagDoesNotExistError(featureName));
}

/** Flipper flags are boolean: any other type asked for is a TYPE_MISMATCH, without store I/O. */
export function typeMismatchResolution<T>(defaultValue: T, featureName: string, requested: string): ResolutionDetails<T> {
  const error = new InvalidArgumentError(`flipper flags are boolean, a ${requested} evaluation cannot be answered`, {
    featureName,
  });
  return errorResolution(defaultValue, ErrorCode.TYPE_MISMATCH, error);
}

/**
 * Maps a failure to read the flag to an OpenFeature error code: a stored document that cannot be
 * decoded is PARSE_ERROR; a name that no store can hold names no flag, FLAG_NOT_FOUND; anything
 * else (the store failed or timed out: a `StoreError`) is GENERAL.
 */
export function readFailureResolution<T>(defaultValue: T, error: unknown): ResolutionDetails<T> {
  if (error instanceof InvalidDocumentError) return errorResolution(defaultValue, ErrorCode.PARSE_ERROR, error);
  if (error instanceof InvalidArgumentError) return errorResolution(defaultValue, ErrorCode.FLAG_NOT_FOUND, error);
  return errorResolution(defaultValue, ErrorCode.GENERAL, error);
}

/**
 * The context could not become checks, or the checks could not be evaluated (the core throws
 * only for checks its bucketer cannot hash): either way the context is at fault, INVALID_CONTEXT.
 */
export function contextFailureResolution<T>(
  defaultValue: T,
  featureName: string,
  cause: unknown,
  flagMetadata?: FlagMetadata,
): ResolutionDetails<T> {
  const error = new EvaluationError(featureName, `the evaluation context cannot be used: ${messageOf(cause)}`, { cause });
  return errorResolution(defaultValue, ErrorCode.INVALID_CONTEXT, error, flagMetadata);
}
