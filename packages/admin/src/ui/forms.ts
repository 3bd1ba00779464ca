import type { Checks, StoredBucketer, StoredCondition, StoredPercentage } from '@flipper-client/core';
import type { JsonObject } from '@flipper-client/core/store';
import { invalidBody } from '../errors.js';
import { isRecord } from '../wire.js';
import { textToValue } from './value-text.js';

/**
 * The pages' forms turned into the API's wire shapes (SPEC §5); the same decoder then checks
 * both, so a form cannot store what the API would refuse.
 */

export function conditionsFromForm(featureName: string, form: URLSearchParams): StoredCondition[] {
  const groups = form.getAll('row_condition');
  const variables = form.getAll('row_variable');
  const operators = form.getAll('row_operator');
  const values = form.getAll('row_value');
  if (variables.length !== groups.length || operators.length !== groups.length || values.length !== groups.length) {
    throw invalidBody(featureName, 'every condition row needs a variable, an operator and a value');
  }
  const conditions = new Map<string, StoredCondition>();
  for (let i = 0; i < groups.length; i++) {
    const variable = variables[i]!.trim();
    if (variable === '') continue;
    const operator = operators[i] === 'eq' ? null : operators[i]!;
    const condition = conditions.get(groups[i]!) ?? Object.create(null) as StoredCondition;
    conditions.set(groups[i]!, condition);
    // The operator is checked by the decoder; a cast keeps the unknown one for its message.
    (condition[variable] ??= []).push({ variable, operator: operator as null, value: textToValue(values[i]!) });
  }
  return [...conditions.values()].map((condition) => ({ ...condition }));
}

function share(featureName: string, form: URLSearchParams, field: string, label: string): number {
  const text = (form.get(field) ?? '').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw invalidBody(featureName, `${label} must be a number from 0 to 100, got ${JSON.stringify(text)}`);
  return value / 100;
}

function utcSeconds(featureName: string, form: URLSearchParams, field: string, label: string): number {
  const text = (form.get(field) ?? '').trim();
  const millis = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
  if (text === '' || Number.isNaN(millis)) throw invalidBody(featureName, `${label} must be a date and time, got ${JSON.stringify(text)}`);
  return Math.floor(millis / 1000);
}

function percentageFromForm(featureName: string, form: URLSearchParams): StoredPercentage {
  if (form.get('share') !== 'ramp') return { type: 'Percentage', value: share(featureName, form, 'percent', 'percentage') };
  const start = utcSeconds(featureName, form, 'ramp_start', 'ramp start');
  const end = utcSeconds(featureName, form, 'ramp_end', 'ramp end');
  return {
    type: 'LinearRampPercentage',
    initial_value: share(featureName, form, 'initial_percent', 'ramp from'),
    final_value: share(featureName, form, 'final_percent', 'ramp to'),
    ramp_duration: end - start,
    initial_time: start,
  };
}

export function bucketerFromForm(featureName: string, form: URLSearchParams): StoredBucketer {
  switch (form.get('type')) {
    case 'none':
      return { type: 'NoOpBucketer' };
    case 'percentage':
      return { type: 'PercentageBucketer', percentage: percentageFromForm(featureName, form) };
    case 'consistent_hash': {
      const keys = (form.get('key_whitelist') ?? '').split(',').map((key) => key.trim()).filter((key) => key !== '');
      return { type: 'ConsistentHashPercentageBucketer', percentage: percentageFromForm(featureName, form), key_whitelist: keys };
    }
    default:
      throw invalidBody(featureName, `type must be none, percentage or consistent_hash, got ${JSON.stringify(form.get('type'))}`);
  }
}

export function clientDataFromForm(featureName: string, form: URLSearchParams): JsonObject {
  const text = form.get('client_data') ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidBody(featureName, `client data is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(parsed)) throw invalidBody(featureName, 'client data must be a JSON object, e.g. {"owner": "checkout-team"}');
  return parsed as JsonObject;
}

/**
 * The "try it" box: a JSON object (`{"user_id": 42}`) or `key=value` pairs separated by commas
 * or `&` (`user_id=42, is_admin=true`), each value read as JSON when it is JSON.
 */
export function checksFromText(featureName: string, text: string): Checks {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw invalidBody(featureName, `checks are not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!isRecord(parsed)) throw invalidBody(featureName, 'checks must be a JSON object');
    return parsed;
  }
  const checks: Record<string, unknown> = {};
  for (const pair of trimmed.split(/[,&]/)) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    if (at <= 0) throw invalidBody(featureName, `checks: ${JSON.stringify(pair.trim())} is not key=value`);
    Object.defineProperty(checks, pair.slice(0, at).trim(), {
      value: textToValue(pair.slice(at + 1)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return checks;
}
