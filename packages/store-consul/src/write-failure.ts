import { httpWriteFailureCode, StoreError, WriteNotAppliedError, WriteOutcomeUnknownError } from '@flipper-client/core/store';
import { ConsulRequestError } from './consul-kv.js';
import { ConsulClientFailure } from './errors.js';

/** What a Consul call was for, which decides what its failure says. */
export type RequestKind = 'read' | 'read-before-write' | 'write';

/**
 * A failed Consul call as a `StoreError`. A write that Consul refused (4xx) or that never
 * reached it (a refused connection) is a `WriteNotAppliedError`; one that timed out, lost its
 * connection or got a 5xx (Consul may still commit it through Raft) is a
 * `WriteOutcomeUnknownError`. A late landing of such a write is harmless for read-modify-writes:
 * it carries `?cas=<ModifyIndex>` of the document read, so it lands only if nothing was written
 * since. `create` and `put` carry no `cas`: one that lands late replaces the flag.
 */
export function requestFailure(
  store: string,
  operation: string,
  featureName: string | undefined,
  error: unknown,
  kind: RequestKind,
): StoreError {
  const message = error instanceof Error ? error.message : String(error);
  const options = { featureName, cause: error };
  if (kind === 'read' || featureName === undefined) return new StoreError(store, operation, message, options);
  if (kind === 'read-before-write') return new WriteNotAppliedError(store, operation, message, options);
  const failure = error instanceof ConsulRequestError && error.cause instanceof ConsulClientFailure ? error.cause : undefined;
  const status = error instanceof ConsulRequestError ? error.statusCode : undefined;
  // The consul client keeps the network error's code only in its message ("connect ECONNREFUSED ...").
  const networkCode = failure?.code ?? /\b(E[A-Z_]{4,})\b/.exec(message)?.[1];
  const code = httpWriteFailureCode({ status, networkCode });
  return code === 'WRITE_NOT_APPLIED'
    ? new WriteNotAppliedError(store, operation, message, options)
    : new WriteOutcomeUnknownError(store, operation, message, options);
}
