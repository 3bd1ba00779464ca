import type { EvaluationContext, EvaluationContextValue } from '@openfeature/server-sdk';

/** Deeper than this is treated as a circular or hostile context rather than walked forever. */
const MAX_CONTEXT_DEPTH = 64;

/** The evaluation context holds a value that a flipper check cannot hold. */
export class UnusableContextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnusableContextError';
  }
}

export interface ContextMapping {
  /** The check that receives the targeting key. */
  readonly targetingKeyCheck: string;
  /** Turns the targeting key (always a string in OpenFeature) into the check's value. */
  readonly targetingKeyValue: (targetingKey: string) => EvaluationContextValue | undefined;
}

function isPlainRecord(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * One context value as a check value: what `JSON.stringify` would make of it, so that a check
 * compares and hashes the same as the JSON a Python service would receive for the same context.
 * Dates become ISO 8601 strings in UTC (`Date.prototype.toJSON`; an invalid Date becomes null).
 */
function toCheckValue(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (depth > MAX_CONTEXT_DEPTH) {
    throw new UnusableContextError(`context attribute ${path} is nested deeper than ${MAX_CONTEXT_DEPTH} levels (or is circular)`);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((item, i) => toCheckValue(item ?? null, `${path}[${i}]`, depth + 1));
  if (typeof value === 'object' && isPlainRecord(value)) {
    // Null prototype: a `__proto__` attribute stays an ordinary key instead of replacing the prototype.
    const copy: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) {
      if (value[key] !== undefined) copy[key] = toCheckValue(value[key], `${path}.${key}`, depth + 1);
    }
    return copy;
  }
  const kind = typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value;
  throw new UnusableContextError(`context attribute ${path} is a ${kind}, which a flipper check cannot hold`);
}

/**
 * The checks for `isEnabled`-style evaluation: every context attribute under its own name (Dates
 * as ISO strings, undefined attributes left out), and the targeting key under
 * `mapping.targetingKeyCheck`, where it wins over an attribute of the same name.
 */
export function contextToChecks(context: EvaluationContext, mapping: ContextMapping): Record<string, unknown> {
  const checks: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(context)) {
    if (key === 'targetingKey') continue;
    const value = context[key];
    if (value !== undefined) checks[key] = toCheckValue(value, JSON.stringify(key), 0);
  }
  const { targetingKey } = context;
  if (typeof targetingKey === 'string' && targetingKey !== '') {
    const value: unknown = mapping.targetingKeyValue(targetingKey);
    if (value !== undefined) {
      checks[mapping.targetingKeyCheck] = toCheckValue(value, `targetingKey (as ${JSON.stringify(mapping.targetingKeyCheck)})`, 0);
    }
  }
  return checks;
}
