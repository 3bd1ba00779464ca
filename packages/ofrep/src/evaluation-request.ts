import { RequestBodyError } from '@flipper-client/http';
import type { Checks } from '@flipper-client/core';
import { contextToChecks, UnusableContextError, type ContextMapping } from '@flipper-client/openfeature-mapping';
import { invalidContext, parseError } from './errors.js';
import type { OfrepExchange } from './exchange.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The checks of an evaluation request `{ "context": { "targetingKey": ..., ... } }`: a body that
 * is not JSON (or too large, or of another type) is PARSE_ERROR; a body without a context
 * object, a targeting key that is not a string, or attributes no check can hold are
 * INVALID_CONTEXT. A context without a targeting key is evaluated as it is (flipper flags need
 * one only when they bucket or target by it).
 */
export async function readEvaluationRequest(exchange: OfrepExchange, maxBodyBytes: number, mapping: ContextMapping): Promise<Checks> {
  let body: unknown;
  try {
    body = await exchange.readJson(maxBodyBytes);
  } catch (error) {
    if (!(error instanceof RequestBodyError)) throw error;
    if (error.problem === 'unsupported_media_type') throw parseError(`send the body as application/json (${error.detail})`);
    throw parseError(`the request body cannot be read: ${error.detail}`);
  }
  if (body === undefined) throw parseError('the request has no body; send {"context": {"targetingKey": "..."}}');
  if (!isRecord(body)) throw parseError('the body must be a JSON object: {"context": {...}}');
  const context = body['context'];
  if (!isRecord(context)) throw invalidContext('the body needs a context object: {"context": {"targetingKey": "..."}}');
  const targetingKey = context['targetingKey'];
  if (targetingKey !== undefined && typeof targetingKey !== 'string') throw invalidContext('context.targetingKey must be a string');
  try {
    return contextToChecks(context, mapping);
  } catch (error) {
    if (error instanceof UnusableContextError) throw invalidContext(error.message);
    throw error;
  }
}
