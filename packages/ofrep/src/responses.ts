import type { OfrepError } from './errors.js';
import { jsonReply, type OfrepReply, type ReplyHeaders } from './reply.js';

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

export function errorReply(error: OfrepError, key: string | undefined, headers: ReplyHeaders): OfrepReply {
  if (error.status === 401) headers['www-authenticate'] = 'Bearer';
  if (error.allow !== undefined) headers['allow'] = error.allow;
  // Whole seconds: the published providers read a number here (an ISO date they misread as one).
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return jsonReply(error.status, JSON.stringify(errorBody(error, key)), headers);
}
