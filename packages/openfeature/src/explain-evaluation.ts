import type { FeatureFlagStoreItem, UnmatchedConditions } from '@flipper-client/core';
import { StandardResolutionReasons, type ResolutionReason } from '@openfeature/server-sdk';

type Checks = Readonly<Record<string, unknown>>;

function isGiven(checks: Checks, variable: string): boolean {
  return Object.hasOwn(checks, variable) && checks[variable] !== undefined;
}

function anyGiven(checks: Checks): boolean {
  for (const key of Object.keys(checks)) if (checks[key] !== undefined) return true;
  return false;
}

/**
 * Which rule of SPEC §4 decides this evaluation, as an OpenFeature reason. It mirrors the core's
 * evaluator step by step; the value itself always comes from `item.evaluate`.
 *
 * - DISABLED: the flag is off (rule 2), so the answer is false whatever else is set.
 * - TARGETING_MATCH: conditions are in play (rule 3): a given check names a variable that some
 *   condition constrains, and the conditions decided, true or false.
 * - SPLIT: no condition in play and a bucketer other than NoOp decided (rule 4); consistent-hash
 *   bucketing is deterministic per context but still a pseudorandom assignment.
 * - STATIC: the flag is on and has no rules at all (no conditions, NoOp bucketer): its answer is
 *   true for every context, no dynamic evaluation happened.
 * - DEFAULT: the flag has rules but none applied to this context, so it fell back to the flag's
 *   configured answer, true (rule 5); this includes `unmatchedConditions: 'enable'`, where checks
 *   naming no condition's variable skip the bucketer.
 */
export function explainEvaluation(
  item: FeatureFlagStoreItem,
  checks: Checks,
  unmatched: UnmatchedConditions,
): ResolutionReason {
  if (!item.enabled) return StandardResolutionReasons.DISABLED;
  const { conditions, bucketer } = item.meta;
  if (conditions.length > 0) {
    for (const condition of conditions) {
      for (const check of condition.checks) {
        if (isGiven(checks, check.variable)) return StandardResolutionReasons.TARGETING_MATCH;
      }
    }
    if (unmatched === 'enable' && anyGiven(checks)) return StandardResolutionReasons.DEFAULT;
  }
  if (bucketer.type !== 'NoOpBucketer') return StandardResolutionReasons.SPLIT;
  return conditions.length === 0 ? StandardResolutionReasons.STATIC : StandardResolutionReasons.DEFAULT;
}
