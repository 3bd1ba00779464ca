import type { Bucketer } from './bucketer.js';
import type { CheckTest, Condition } from './condition.js';
import { compileCheck } from './condition.js';

export type Checks = Readonly<Record<string, unknown>>;

/**
 * What to do when checks are given, the flag has conditions, and no given check names a
 * variable that a condition constrains:
 * - `'bucket'` (default): the bucketer decides, as the seed documentation describes;
 * - `'enable'`: answer true without consulting the bucketer, as Python flipper-client 1.x does.
 */
export type UnmatchedConditions = 'bucket' | 'enable';

/** A flag's evaluation, compiled once when the flag is read. */
export type Evaluator = (checks: Checks | undefined, unmatched: UnmatchedConditions) => boolean;

export const alwaysFalse: Evaluator = () => false;
export const alwaysTrue: Evaluator = () => true;

/**
 * Compiles the evaluation rules of SPEC §4 for one flag. Every condition must hold, and a
 * condition holds when its checks on the given variables hold, so all conditions together hold
 * exactly when every check on a given variable holds: the checks of all conditions are merged
 * into one table keyed by variable and tested in a single pass over the given checks.
 */
export function compileEvaluator(
  enabled: boolean,
  conditions: readonly Condition[],
  bucketer: Bucketer,
): Evaluator {
  if (!enabled) return alwaysFalse;
  const bucket: Evaluator =
    bucketer.type === 'NoOpBucketer' ? alwaysTrue : (checks) => bucketer.check(checks);
  if (conditions.length === 0) return bucket;

  const testsByVariable = new Map<string, CheckTest[]>();
  for (const condition of conditions) {
    for (const check of condition.checks) {
      let tests = testsByVariable.get(check.variable);
      if (tests === undefined) testsByVariable.set(check.variable, (tests = []));
      tests.push(compileCheck(check.operator, check.value));
    }
  }

  return (checks, unmatched) => {
    if (checks === undefined) return bucket(checks, unmatched);
    let given = false;
    let constrained = false;
    for (const variable in checks) {
      const value = checks[variable];
      if (value === undefined) continue;
      given = true;
      const tests = testsByVariable.get(variable);
      if (tests === undefined) continue;
      constrained = true;
      for (let i = 0; i < tests.length; i++) if (!tests[i]!(value)) return false;
    }
    if (constrained || (given && unmatched === 'enable')) return true;
    return bucket(checks, unmatched);
  };
}
