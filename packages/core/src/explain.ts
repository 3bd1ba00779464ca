import { ConsistentHashPercentageBucketer, PercentageBucketer } from './bucketer.js';
import type { ConditionOperator } from './condition.js';
import { compileCheck } from './condition.js';
import { consistentHashScore, consistentHashText } from './consistent-hash.js';
import type { Checks, UnmatchedConditions } from './evaluator.js';
import type { FeatureFlagStoreItem } from './item.js';
import type { JsonValue } from './json.js';

/** The check of a condition that did not hold, with the value it was given. */
export interface FailedCheck {
  /** Index of the condition in the flag's `conditions`. */
  readonly condition: number;
  readonly variable: string;
  readonly operator: ConditionOperator | null;
  /** The condition's value (the right-hand side). */
  readonly value: JsonValue;
  /** What the checks gave for the variable (the left-hand side). */
  readonly given: unknown;
}

/**
 * Which rule of the evaluation (SPEC §4) gave the answer:
 * - `missing`: the flag is not stored; the answer is the caller's default (rule 1);
 * - `disabled`: the flag is off (rule 2);
 * - `conditions_matched` / `condition_failed`: a given check names a variable some condition
 *   constrains, so the conditions decide (rule 3); `conditions` lists those in play;
 * - `unmatched_conditions`: checks were given but none names a condition's variable, and the
 *   client answers true for that like Python 1.x (`unmatchedConditions: 'enable'`);
 * - `percentage` / `consistent_hash`: the bucketer decides (rule 4); a consistent hash reports
 *   the bucket (0–99) the checks hash to and the text that was hashed; enabled iff
 *   `bucket / 100 <= percentage` and the percentage is not 0;
 * - `no_rule_applied`: the flag has conditions, none in play, and no bucketer (rule 5);
 * - `always_on`: the flag is on with neither conditions nor bucketer (rule 5).
 */
export type EvaluationReason =
  | { readonly kind: 'missing' }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'conditions_matched'; readonly conditions: readonly number[] }
  | { readonly kind: 'condition_failed'; readonly failed: FailedCheck }
  | { readonly kind: 'unmatched_conditions' }
  | { readonly kind: 'percentage'; readonly percentage: number }
  | {
      readonly kind: 'consistent_hash';
      readonly percentage: number;
      readonly bucket: number;
      readonly hashed: string;
    }
  | { readonly kind: 'no_rule_applied' }
  | { readonly kind: 'always_on' };

export interface Explanation {
  readonly featureName: string;
  readonly enabled: boolean;
  readonly reason: EvaluationReason;
}

function isGiven(checks: Checks | undefined, variable: string): checks is Checks {
  return checks !== undefined && Object.hasOwn(checks, variable) && checks[variable] !== undefined;
}

function anyGiven(checks: Checks | undefined): boolean {
  if (checks === undefined) return false;
  for (const key of Object.keys(checks)) if (checks[key] !== undefined) return true;
  return false;
}

function explainConditions(item: FeatureFlagStoreItem, checks: Checks | undefined): EvaluationReason | undefined {
  const inPlay: number[] = [];
  const conditions = item.meta.conditions;
  for (let index = 0; index < conditions.length; index++) {
    let constrained = false;
    for (const check of conditions[index]!.checks) {
      if (!isGiven(checks, check.variable)) continue;
      constrained = true;
      const given = checks[check.variable];
      if (!compileCheck(check.operator, check.value)(given)) {
        return { kind: 'condition_failed', failed: { condition: index, ...check, given } };
      }
    }
    if (constrained) inPlay.push(index);
  }
  return inPlay.length > 0 ? { kind: 'conditions_matched', conditions: inPlay } : undefined;
}

function explainBucketer(item: FeatureFlagStoreItem, checks: Checks | undefined): Explanation | undefined {
  const bucketer = item.meta.bucketer;
  const featureName = item.featureName;
  if (bucketer instanceof PercentageBucketer) {
    return { featureName, enabled: bucketer.check(), reason: { kind: 'percentage', percentage: bucketer.percentage.value } };
  }
  if (bucketer instanceof ConsistentHashPercentageBucketer) {
    const percentage = bucketer.percentage.value;
    const score = consistentHashScore(checks, bucketer.keyWhitelist);
    const reason = {
      kind: 'consistent_hash',
      percentage,
      bucket: Math.round(score * 100),
      hashed: consistentHashText(checks, bucketer.keyWhitelist),
    } as const;
    return { featureName, enabled: percentage !== 0 && score <= percentage, reason };
  }
  return undefined;
}

/**
 * Evaluates the flag like `item.evaluate` and says which rule decided. Slower than `evaluate`
 * (it builds the answer step by step): for admin pages, the command line and logs, not for the
 * request path. Throws where `evaluate` throws (checks a consistent hash cannot write as JSON).
 */
export function explainEvaluation(
  item: FeatureFlagStoreItem,
  checks: Checks | undefined,
  unmatched: UnmatchedConditions = 'bucket',
): Explanation {
  const featureName = item.featureName;
  if (!item.enabled) return { featureName, enabled: false, reason: { kind: 'disabled' } };
  const hasConditions = item.meta.conditions.length > 0;
  if (hasConditions) {
    const decided = explainConditions(item, checks);
    if (decided !== undefined) return { featureName, enabled: decided.kind === 'conditions_matched', reason: decided };
    if (unmatched === 'enable' && anyGiven(checks)) {
      return { featureName, enabled: true, reason: { kind: 'unmatched_conditions' } };
    }
  }
  const bucketed = explainBucketer(item, checks);
  if (bucketed !== undefined) return bucketed;
  return { featureName, enabled: true, reason: { kind: hasConditions ? 'no_rule_applied' : 'always_on' } };
}

function formatPercent(share: number): string {
  return `${Number((share * 100).toFixed(4))}%`;
}

function formatCheck(failed: FailedCheck): string {
  const given = failed.given === undefined ? 'undefined' : JSON.stringify(failed.given) ?? String(failed.given);
  const operator = failed.operator === null ? '==' : failed.operator;
  return `${failed.variable}=${given} fails ${failed.variable} ${operator} ${JSON.stringify(failed.value)} (condition ${failed.condition + 1})`;
}

/** One sentence for an explanation, the same in the admin UI, the command line and logs. */
export function describeExplanation({ enabled, reason }: Explanation): string {
  const answer = enabled ? 'on' : 'off';
  switch (reason.kind) {
    case 'missing':
      return `${answer}: no such flag, so the default`;
    case 'disabled':
      return 'off: the flag is disabled';
    case 'conditions_matched':
      return `on: ${reason.conditions.length === 1 ? 'condition' : 'conditions'} ${reason.conditions.map((index) => index + 1).join(', ')} matched`;
    case 'condition_failed':
      return `off: ${formatCheck(reason.failed)}`;
    case 'unmatched_conditions':
      return 'on: no check names a condition variable (unmatchedConditions: enable)';
    case 'percentage':
      return `${answer}: random draw against ${formatPercent(reason.percentage)}`;
    case 'consistent_hash':
      return `${answer}: ${reason.hashed} hashes to bucket ${reason.bucket} of 100, ${enabled ? 'within' : 'outside'} ${formatPercent(reason.percentage)}`;
    case 'no_rule_applied':
      return 'on: no condition applies and there is no bucketer';
    case 'always_on':
      return 'on: enabled, with no conditions or bucketer';
  }
}
