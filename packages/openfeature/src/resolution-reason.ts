import type { EvaluationReason } from '@flipper-client/core';
import { StandardResolutionReasons, type ResolutionReason } from '@openfeature/server-sdk';

/**
 * The core's reason for an evaluation (`explainEvaluation`), as an OpenFeature reason:
 * - DISABLED: the flag is off, so the answer is false whatever else is set;
 * - TARGETING_MATCH: conditions were in play and decided, true or false;
 * - SPLIT: a bucketer decided; consistent-hash bucketing is deterministic per context but still
 *   a pseudorandom assignment;
 * - STATIC: the flag is on and has no rules at all: true for every context;
 * - DEFAULT: the flag has rules but none applied to this context, so it answered true; this
 *   includes `unmatchedConditions: 'enable'`, where checks naming no condition's variable skip
 *   the bucketer.
 * A missing flag never gets here: the provider answers FLAG_NOT_FOUND before evaluating.
 */
export function resolutionReason(reason: EvaluationReason): ResolutionReason {
  switch (reason.kind) {
    case 'disabled':
      return StandardResolutionReasons.DISABLED;
    case 'conditions_matched':
    case 'condition_failed':
      return StandardResolutionReasons.TARGETING_MATCH;
    case 'percentage':
    case 'consistent_hash':
      return StandardResolutionReasons.SPLIT;
    case 'always_on':
      return StandardResolutionReasons.STATIC;
    case 'missing':
    case 'unmatched_conditions':
    case 'no_rule_applied':
      return StandardResolutionReasons.DEFAULT;
  }
}
