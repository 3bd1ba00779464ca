import type { Bucketer, Checks, Condition } from '@flipper-client/core';
import { decodeMeta, InvalidDocumentError } from '@flipper-client/core/store';
import { invalidBody } from './errors.js';

/**
 * Conditions and bucketers travel in their stored shape (SPEC §5), so what the API takes is what
 * `GET /api/flags/{name}` shows and what the Python library stores. The core's document decoder
 * checks them: one set of rules for stored documents and request bodies.
 */

/** An InvalidDocumentError from the decoder, as a 400 that points at the member of the body. */
function asBodyError(featureName: string, error: unknown, member: (part: string) => string): unknown {
  if (!(error instanceof InvalidDocumentError)) return error;
  const marker = `invalid at ${error.part}: `;
  const at = error.message.indexOf(marker);
  const detail = at < 0 ? error.message : error.message.slice(at + marker.length);
  return invalidBody(featureName, `${member(error.part)}: ${detail}`);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `[{"age": [{"variable": "age", "operator": "gte", "value": 18}]}, ...]` → Conditions. */
export function conditionsFromWire(featureName: string, raw: unknown): Condition[] {
  if (!Array.isArray(raw)) throw invalidBody(featureName, 'conditions must be an array of conditions in their stored shape');
  try {
    return [...decodeMeta(featureName, { conditions: raw }).conditions];
  } catch (error) {
    throw asBodyError(featureName, error, (part) => part.replace(/^meta\./, ''));
  }
}

export function conditionFromWire(featureName: string, raw: unknown): Condition {
  if (!isRecord(raw)) throw invalidBody(featureName, 'condition must be an object: {"variable": [{"variable", "operator", "value"}]}');
  try {
    return decodeMeta(featureName, { conditions: [raw] }).conditions[0]!;
  } catch (error) {
    throw asBodyError(featureName, error, (part) => part.replace(/^meta\.conditions\[0\]/, 'condition'));
  }
}

/** `{"type": "PercentageBucketer", "percentage": {"type": "Percentage", "value": 0.1}}` → a Bucketer. */
export function bucketerFromWire(featureName: string, raw: unknown): Bucketer {
  if (!isRecord(raw)) throw invalidBody(featureName, 'the body must be a bucketer in its stored shape, e.g. {"type": "PercentageBucketer", "percentage": {"type": "Percentage", "value": 0.1}}');
  try {
    return decodeMeta(featureName, { bucketer: raw }).bucketer;
  } catch (error) {
    throw asBodyError(featureName, error, (part) => part.replace(/^meta\./, ''));
  }
}

const CHECKS_SHAPE = 'the body must be {"checks": {...}}, e.g. {"checks": {"user_id": 42}}';

/**
 * The checks of an evaluate body, `{"checks": {...}}` (or no body: no checks). Any other member
 * is refused: `{"user_id": 42}` without the wrapper would otherwise evaluate no checks at all
 * and answer as if it had worked.
 */
export function checksFromWire(featureName: string, body: Record<string, unknown>): Checks {
  const others = Object.keys(body).filter((key) => key !== 'checks');
  if (others.length > 0) {
    throw invalidBody(featureName, `${CHECKS_SHAPE}; got the member${others.length > 1 ? 's' : ''} ${others.map((key) => JSON.stringify(key)).join(', ')} beside or instead of "checks"`);
  }
  const raw = body['checks'];
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw invalidBody(featureName, `checks must be an object: ${CHECKS_SHAPE}`);
  return raw;
}
