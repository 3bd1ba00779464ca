import type { Checks, EvaluationReason, UnmatchedConditions } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';

function isGiven(checks: Checks | undefined, variable: string): boolean {
  return checks !== undefined && Object.hasOwn(checks, variable) && checks[variable] !== undefined;
}

function anyGiven(checks: Checks | undefined): boolean {
  if (checks === undefined) return false;
  for (const key of Object.keys(checks)) if (checks[key] !== undefined) return true;
  return false;
}

function conditionsInPlay(item: FeatureFlagStoreItem, checks: Checks | undefined): boolean {
  for (const condition of item.meta.conditions) for (const check of condition.checks) if (isGiven(checks, check.variable)) return true;
  return false;
}

/**
 * The rule that decides and the answer, as `explainEvaluation` reports them (SPEC §4), without
 * building the explanation: the answer comes from the flag's compiled evaluator, the rule from
 * which checks are given. The explanation reads every check again and hashes the context twice
 * (to report the bucket and the text); an OFREP answer needs neither, only `kind` and `enabled`
 * (its reason, variant and metadata follow from those two). A test holds this to the
 * explanation over every kind of rule. Throws where `item.evaluate` throws.
 */
export function outcomeOf(item: FeatureFlagStoreItem, checks: Checks, unmatched: UnmatchedConditions): { readonly kind: EvaluationReason['kind']; readonly enabled: boolean } {
  const enabled = item.evaluate(checks, unmatched);
  if (!item.enabled) return { kind: 'disabled', enabled };
  const hasConditions = item.meta.conditions.length > 0;
  if (hasConditions) {
    if (conditionsInPlay(item, checks)) return { kind: enabled ? 'conditions_matched' : 'condition_failed', enabled };
    if (unmatched === 'enable' && anyGiven(checks)) return { kind: 'unmatched_conditions', enabled };
  }
  switch (item.meta.bucketer.type) {
    case 'PercentageBucketer':
      return { kind: 'percentage', enabled };
    case 'ConsistentHashPercentageBucketer':
      return { kind: 'consistent_hash', enabled };
    default:
      return { kind: hasConditions ? 'no_rule_applied' : 'always_on', enabled };
  }
}
