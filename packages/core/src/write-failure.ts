import type { StoreFailureCode } from './errors.js';

/**
 * Connection errors that mean the request never reached a server: nothing can have been
 * written. A reset, a hang-up or a timeout is not here: the request may have been received.
 */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

export interface HttpWriteFailure {
  /** The HTTP status the server answered with, if it answered. */
  status?: number | undefined;
  /** The network error's code (`ECONNREFUSED`...), if the request failed below HTTP. */
  networkCode?: string | undefined;
}

/**
 * What a failed HTTP write (a Consul PUT, an S3 PutObject) tells about its outcome: a 4xx answer
 * (the server refused it) or a connection that was never made means it did not happen
 * (`WRITE_NOT_APPLIED`); a 5xx answer, a timeout or a connection lost with the request sent
 * leaves it unknown (`WRITE_OUTCOME_UNKNOWN`) — the server may have applied it, or may still.
 */
export function httpWriteFailureCode(failure: HttpWriteFailure): Extract<StoreFailureCode, 'WRITE_NOT_APPLIED' | 'WRITE_OUTCOME_UNKNOWN'> {
  const { status, networkCode } = failure;
  if (status !== undefined) return status >= 400 && status < 500 ? 'WRITE_NOT_APPLIED' : 'WRITE_OUTCOME_UNKNOWN';
  return networkCode !== undefined && NEVER_CONNECTED.has(networkCode) ? 'WRITE_NOT_APPLIED' : 'WRITE_OUTCOME_UNKNOWN';
}
