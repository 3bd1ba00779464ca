import type { Checks } from '@flipper-client/core';

/** Deeper than this is treated as a circular or hostile context rather than walked forever. */
const MAX_CONTEXT_DEPTH = 64;

/**
 * An OpenFeature evaluation context as this mapping reads it: the SDKs' `EvaluationContext` and
 * the `context` member of an OFREP request body both are one.
 */
export interface EvaluationContextInput {
  readonly targetingKey?: unknown;
  readonly [attribute: string]: unknown;
}

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
  /** Turns the targeting key (always a string in OpenFeature) into the check's value; undefined leaves it out. */
  readonly targetingKeyValue: (targetingKey: string) => unknown;
}

function isPlainRecord(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function kindOf(value: unknown): string {
  return typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value;
}

/**
 * One value inside a list as a check value: what `JSON.stringify` would make of it, so that a
 * check compares and hashes the same as the JSON a Python service would receive. Dates become
 * ISO 8601 strings in UTC (`Date.prototype.toJSON`; an invalid Date becomes null).
 */
function toCheckValue(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth > MAX_CONTEXT_DEPTH) {
    throw new UnusableContextError(`context attribute ${path} is nested deeper than ${MAX_CONTEXT_DEPTH} levels (or is circular)`);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((item, i) => toCheckValue(item ?? null, `${path}[${i}]`, depth + 1));
  if (typeof value === 'object' && isPlainRecord(value)) {
    // Null prototype: a `__proto__` key stays an ordinary key instead of replacing the prototype.
    const copy: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value)) {
      if (value[key] !== undefined) copy[key] = toCheckValue(value[key], `${path}.${key}`, depth + 1);
    }
    return copy;
  }
  throw new UnusableContextError(`context attribute ${path} is a ${kindOf(value)}, which a flipper check cannot hold`);
}

/**
 * Adds the checks of one attribute. The rule for nested attributes: an object is flattened into
 * one check per leaf, named by its path joined with `.` (`{ user: { plan: 'pro' } }` gives the
 * check `user.plan`), so that a condition can target a nested attribute; a list, a Date and a
 * primitive are one check's value (lists keep the objects inside them whole); an empty object
 * gives no check.
 */
function flatten(checks: Record<string, unknown>, name: string, path: string, value: unknown, depth: number): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && isPlainRecord(value)) {
    if (depth > MAX_CONTEXT_DEPTH) {
      throw new UnusableContextError(`context attribute ${path} is nested deeper than ${MAX_CONTEXT_DEPTH} levels (or is circular)`);
    }
    for (const key of Object.keys(value)) {
      if (value[key] !== undefined) flatten(checks, `${name}.${key}`, `${path}.${key}`, value[key], depth + 1);
    }
    return;
  }
  if (Object.hasOwn(checks, name)) {
    throw new UnusableContextError(`context attribute ${path} gives the check ${JSON.stringify(name)}, which another attribute gives too`);
  }
  checks[name] = toCheckValue(value, path, depth);
}

/**
 * The checks for `isEnabled`-style evaluation: every context attribute under its own name,
 * nested objects flattened to dotted names (see `flatten`), undefined attributes left out, and
 * the targeting key under `mapping.targetingKeyCheck`, where it wins over an attribute of the
 * same name. Throws `UnusableContextError` for a value no check can hold (a Map, a class
 * instance, a circular structure) and for two attributes that give the same check name
 * (`{ "a.b": 1, a: { b: 2 } }`).
 */
export function contextToChecks(context: EvaluationContextInput, mapping: ContextMapping): Checks {
  const checks: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(context)) {
    if (key === 'targetingKey') continue;
    const value = context[key];
    if (value !== undefined) flatten(checks, key, JSON.stringify(key), value, 0);
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
