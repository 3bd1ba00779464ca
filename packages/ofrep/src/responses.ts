import { jsonResponse } from '@flipper-client/http';
import type { OfrepError } from './errors.js';

/**
 * The body of an error answer. A single evaluation's names the flag (`key`): the providers read
 * `key` and `errorCode` to turn a 400, 404 or 500 into the OpenFeature error; a bulk one has
 * none (OFREP's `bulkEvaluationFailure`, and `generalErrorResponse` for a 500, which allows both).
 */
export function errorBody(error: OfrepError, key: string | undefined): Record<string, string> {
  return key === undefined
    ? { errorCode: error.errorCode, errorDetails: error.details }
    : { key, errorCode: error.errorCode, errorDetails: error.details };
}

export function errorResponse(error: OfrepError, key: string | undefined, headers: Headers): Response {
  if (error.status === 401) headers.set('www-authenticate', 'Bearer');
  if (error.allow !== undefined) headers.set('allow', error.allow);
  // Whole seconds: the published providers read a number here (an ISO date they misread as one).
  if (error.retryAfterSeconds !== undefined) headers.set('retry-after', String(error.retryAfterSeconds));
  return jsonResponse(error.status, errorBody(error, key), { headers });
}

/** A JSON body already serialized (the bulk answer, whose ETag is the hash of these bytes). */
export function serializedJson(status: number, body: string, headers: Headers): Response {
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('cache-control', 'no-store');
  return new Response(status === 304 ? null : body, { status, headers });
}
