import { InvalidArgumentError } from './errors.js';
import { findJsonProblem, freezeJson, isForbiddenKey, type JsonValue } from './json.js';
import { pyContains, pyEquals, pyNotContains, pyOrder } from './python-compare.js';

/** Operators a check key may carry after `__`; equality has none (stored as `null`). */
export const CONDITION_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'ne', 'in', 'not_in'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** One check as stored: `{"variable": "age", "value": 18, "operator": "gte"}`. */
export interface StoredConditionCheck {
  variable: string;
  value: JsonValue;
  operator: ConditionOperator | null;
}

/** A condition as stored: each constrained variable maps to its checks. */
export type StoredCondition = Record<string, StoredConditionCheck[]>;

/** Tests the value given to `isEnabled` for one variable; never throws. */
export type CheckTest = (given: unknown) => boolean;

export function isConditionOperator(value: unknown): value is ConditionOperator {
  return (CONDITION_OPERATORS as readonly unknown[]).includes(value);
}

function equalityTest(stored: JsonValue): CheckTest {
  // Fast paths for the common scalar cases; the general rule handles the rest.
  if (typeof stored === 'string') return (given) => given === stored;
  if (typeof stored === 'number') {
    return (given) => (typeof given === 'number' ? given === stored : pyEquals(given, stored));
  }
  if (typeof stored === 'boolean') {
    return (given) => (typeof given === 'boolean' ? given === stored : pyEquals(given, stored));
  }
  return (given) => pyEquals(given, stored);
}

function orderTest(stored: JsonValue, accept: (order: number) => boolean): CheckTest {
  if (typeof stored === 'number') {
    return (given) =>
      typeof given === 'number'
        ? accept(given < stored ? -1 : given > stored ? 1 : given === stored ? 0 : NaN)
        : accept(pyOrder(given, stored));
  }
  return (given) => accept(pyOrder(given, stored));
}

/** Builds the test for `given <operator> stored` with Python's semantics. */
export function compileCheck(operator: ConditionOperator | null, stored: JsonValue): CheckTest {
  switch (operator) {
    case null:
      return equalityTest(stored);
    case 'ne':
      return (given) => !pyEquals(given, stored);
    case 'gt':
      return orderTest(stored, (order) => order > 0);
    case 'gte':
      return orderTest(stored, (order) => order >= 0);
    case 'lt':
      return orderTest(stored, (order) => order < 0);
    case 'lte':
      return orderTest(stored, (order) => order <= 0);
    case 'in':
      return (given) => pyContains(stored, given);
    case 'not_in':
      return (given) => pyNotContains(stored, given);
  }
}

/** Splits `number_of_horses_owned__gt` into its variable and operator. */
function parseCheckKey(key: string): { variable: string; operator: ConditionOperator | null } {
  const at = key.lastIndexOf('__');
  if (at <= 0) return { variable: key, operator: null };
  const suffix = key.slice(at + 2);
  if (!isConditionOperator(suffix)) {
    throw new InvalidArgumentError(
      `condition key ${JSON.stringify(key)} has the unknown operator ${JSON.stringify(suffix)} ` +
        `(known: ${CONDITION_OPERATORS.join(', ')})`,
    );
  }
  return { variable: key.slice(0, at), operator: suffix };
}

function freezeChecks(checks: readonly StoredConditionCheck[]): readonly Readonly<StoredConditionCheck>[] {
  return Object.freeze(checks.map((check) => Object.freeze({ ...check, value: freezeJson(check.value) })));
}

/**
 * A condition on the checks given to `isEnabled`. Each key is a variable name with an optional
 * operator suffix: `new Condition({ number_of_horses_owned__gt: 9000, location__ne: 'city' })`.
 * A condition holds when every check on a variable that the caller gave holds.
 */
export class Condition {
  readonly checks: readonly Readonly<StoredConditionCheck>[];

  constructor(checks: Record<string, unknown>) {
    if (typeof checks !== 'object' || checks === null || Array.isArray(checks)) {
      throw new InvalidArgumentError('a Condition takes an object of checks, e.g. { is_admin: true }');
    }
    const parsed: StoredConditionCheck[] = [];
    for (const key of Object.keys(checks)) {
      const { variable, operator } = parseCheckKey(key);
      if (variable === '') throw new InvalidArgumentError(`condition key ${JSON.stringify(key)} names no variable`);
      if (isForbiddenKey(variable)) {
        throw new InvalidArgumentError(`condition variable ${JSON.stringify(variable)} is not allowed`);
      }
      const problem = findJsonProblem(checks[key], `condition value of ${JSON.stringify(key)}`);
      if (problem !== undefined) throw new InvalidArgumentError(problem);
      parsed.push({ variable, operator, value: checks[key] as JsonValue });
    }
    if (parsed.length === 0) throw new InvalidArgumentError('a Condition needs at least one check');
    this.checks = freezeChecks(parsed);
  }

  /** Builds a condition from checks already in stored form (used by the document decoder). */
  static fromStoredChecks(checks: readonly StoredConditionCheck[]): Condition {
    const condition = Object.create(Condition.prototype) as Condition;
    Object.defineProperty(condition, 'checks', { value: freezeChecks(checks), enumerable: true });
    return condition;
  }

  /** The variables this condition constrains. */
  get variables(): string[] {
    return [...new Set(this.checks.map((check) => check.variable))];
  }

  /** True when every check on a variable present in `given` holds; absent variables are ignored. */
  holds(given: Readonly<Record<string, unknown>>): boolean {
    for (const check of this.checks) {
      if (!Object.hasOwn(given, check.variable) || given[check.variable] === undefined) continue;
      if (!compileCheck(check.operator, check.value)(given[check.variable])) return false;
    }
    return true;
  }

  toJSON(): StoredCondition {
    // Grouped in a Map and turned into own data properties: a variable named like an
    // Object.prototype member ("toString") must neither collide nor reach the prototype.
    const groups = new Map<string, StoredConditionCheck[]>();
    for (const check of this.checks) {
      let group = groups.get(check.variable);
      if (group === undefined) groups.set(check.variable, (group = []));
      group.push({ variable: check.variable, value: check.value, operator: check.operator });
    }
    return Object.fromEntries(groups);
  }
}
