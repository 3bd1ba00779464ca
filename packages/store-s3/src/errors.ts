import { httpWriteFailureCode, StoreError, WriteNotAppliedError, WriteOutcomeUnknownError } from '@flipper-client/core/store';

/** The deadline of a request passed (see `request-deadline.ts`). */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

interface S3ErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function shape(error: unknown): S3ErrorShape {
  return typeof error === 'object' && error !== null ? (error as S3ErrorShape) : {};
}

export function httpStatusOf(error: unknown): number | undefined {
  return shape(error).$metadata?.httpStatusCode;
}

function codeOf(error: unknown): string | undefined {
  const { name, Code } = shape(error);
  if (typeof Code === 'string') return Code;
  return typeof name === 'string' ? name : undefined;
}

/**
 * The object is not there: `NoSuchKey`, or a 404 without a code the SDK knows (a HEAD, or a
 * server that answers 404 without an XML body). A missing bucket is a failure, not a missing flag.
 */
export function isMissingObject(error: unknown): boolean {
  const code = codeOf(error);
  if (code === 'NoSuchBucket') return false;
  return code === 'NoSuchKey' || code === 'NotFound' || httpStatusOf(error) === 404;
}

/**
 * A conditional write lost: 412 PreconditionFailed (the ETag moved, or `If-None-Match: *` found
 * an object), or 409 ConditionalRequestConflict (S3 saw a concurrent write to the key).
 */
export function isLostRace(error: unknown): boolean {
  const code = codeOf(error);
  const status = httpStatusOf(error);
  return code === 'PreconditionFailed' || code === 'ConditionalRequestConflict' || status === 412 || status === 409;
}

function describeFailure(error: unknown): string {
  if (error instanceof RequestTimeoutError) return error.message;
  const { message } = shape(error);
  const code = codeOf(error);
  const status = httpStatusOf(error);
  const text = typeof message === 'string' && message !== '' && message !== code ? `: ${message}` : '';
  if (status !== undefined) return `${code ?? 'S3 error'} (HTTP ${status})${text}`;
  return `${code ?? 'error'}${text}`;
}

export interface FailureContext {
  /** The store's name, `s3`. */
  store: string;
  operation: string;
  bucket: string;
  key?: string | undefined;
  featureName?: string | undefined;
  /**
   * What the request was for: a `write` that failed says whether it may have been applied; a
   * `read-before-write` (the read a conditional write compares against) failed with nothing
   * written. Default `read`.
   */
  kind?: 'read' | 'read-before-write' | 'write';
}

/** The network error's code (`ECONNREFUSED`...) of an SDK error, if it failed below HTTP. */
function networkCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause === undefined ? undefined : networkCodeOf(cause);
}

/** A `StoreError` naming the operation, the flag, the bucket and the key, with the S3 error as cause. */
export function storeError(context: FailureContext, error: unknown): StoreError {
  const where = context.key === undefined
    ? `bucket ${JSON.stringify(context.bucket)}`
    : `bucket ${JSON.stringify(context.bucket)}, key ${JSON.stringify(context.key)}`;
  const message = `${where}: ${describeFailure(error)}`;
  const options = { featureName: context.featureName, cause: error };
  const kind = context.kind ?? 'read';
  if (kind === 'read') return new StoreError(context.store, context.operation, message, options);
  if (kind === 'read-before-write') return new WriteNotAppliedError(context.store, context.operation, message, options);
  // A PUT that timed out may still be applied by S3 once its body is in; a conditional one
  // (If-Match, If-None-Match) then lands only over the version it was written against.
  const code = error instanceof RequestTimeoutError ? 'WRITE_OUTCOME_UNKNOWN' : httpWriteFailureCode({ status: httpStatusOf(error), networkCode: networkCodeOf(error) });
  return code === 'WRITE_NOT_APPLIED'
    ? new WriteNotAppliedError(context.store, context.operation, message, options)
    : new WriteOutcomeUnknownError(context.store, context.operation, message, options);
}
