import type { EvaluationReason, Explanation } from '@flipper-client/core';

/**
 * The OpenFeature resolution reasons a flipper evaluation answers with. They are the reasons
 * OFREP 0.3.0's `evaluationSuccess.reason` allows (`STATIC`, `TARGETING_MATCH`, `SPLIT`,
 * `DISABLED`), plus `DEFAULT` for a missing flag, which never reaches a resolution: both the
 * provider and the OFREP server answer `FLAG_NOT_FOUND` first.
 */
export type ResolutionReason = 'STATIC' | 'TARGETING_MATCH' | 'SPLIT' | 'DISABLED' | 'DEFAULT';

/** The variant of a boolean flag: which of its two values the evaluation gave. */
export type BooleanVariant = 'on' | 'off';

/** The metadata key that names the evaluation rule (SPEC §4) that decided, e.g. `consistent_hash`. */
export const RULE_METADATA_KEY = 'flipper.rule';

/** What an evaluation resolves to, for an OpenFeature provider and an OFREP response alike. */
export interface Resolution {
  readonly value: boolean;
  readonly reason: ResolutionReason;
  readonly variant: BooleanVariant;
  /** `{ 'flipper.rule': reason.kind }`: the rule, never the flag's conditions, bucketer or client data. */
  readonly metadata: { readonly [RULE_METADATA_KEY]: EvaluationReason['kind'] };
}

/**
 * The core's reason for an evaluation (`explainEvaluation`, `client.explain`), as an OpenFeature reason:
 * - DISABLED: the flag is off, so the answer is false whatever else is set;
 * - TARGETING_MATCH: the flag's conditions were evaluated against the context and the answer
 *   is what they gave: conditions in play that held (true) or failed (false), and also no
 *   condition in play with no bucketer to ask (true), or with `unmatchedConditions: 'enable'`
 *   (true, the bucketer skipped). OpenFeature's own word for that last case would be DEFAULT, but
 *   OFREP allows no DEFAULT reason on a success, and one mapping serves both;
 * - SPLIT: a bucketer decided; consistent-hash bucketing is deterministic per context but still
 *   a pseudorandom assignment;
 * - STATIC: the flag is on and has no rules at all: true for every context;
 * - DEFAULT: the flag is missing and the answer is the caller's default (never a resolution).
 */
export function resolutionReason(reason: EvaluationReason): ResolutionReason {
  switch (reason.kind) {
    case 'disabled':
      return 'DISABLED';
    case 'conditions_matched':
    case 'condition_failed':
    case 'unmatched_conditions':
    case 'no_rule_applied':
      return 'TARGETING_MATCH';
    case 'percentage':
    case 'consistent_hash':
      return 'SPLIT';
    case 'always_on':
      return 'STATIC';
    case 'missing':
      return 'DEFAULT';
  }
}

/** The resolution of an explanation: its answer, reason, variant (`on`/`off`) and the rule as metadata. */
export function resolutionOf(explanation: Explanation): Resolution {
  return {
    value: explanation.enabled,
    reason: resolutionReason(explanation.reason),
    variant: explanation.enabled ? 'on' : 'off',
    metadata: { [RULE_METADATA_KEY]: explanation.reason.kind },
  };
}
