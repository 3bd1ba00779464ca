import type { Checks, UnmatchedConditions } from '@flipper-client/core';
import { explainEvaluation, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import { resolutionOf, type Resolution } from '@flipper-client/openfeature-mapping';
import { invalidContext, type OfrepErrorCode } from './errors.js';

/** An evaluation as OFREP's `evaluationSuccess` carries it: the value and why, nothing of the flag's rules. */
export interface EvaluationSuccess {
  readonly key: string;
  readonly value: boolean;
  readonly reason: Resolution['reason'];
  readonly variant: Resolution['variant'];
  readonly metadata: Resolution['metadata'];
}

/** A flag of a bulk answer that could not be evaluated (OFREP's `evaluationFailure`). */
export interface EvaluationFailure {
  readonly key: string;
  readonly errorCode: OfrepErrorCode;
  readonly errorDetails: string;
}

/**
 * Evaluates a stored flag for the checks, from the same explanation `client.explain()` gives and
 * with the same reasons as the OpenFeature provider. Throws INVALID_CONTEXT for checks the
 * flag cannot be evaluated with (a consistent hash of a value JSON cannot carry).
 */
export function evaluateFlag(item: FeatureFlagStoreItem, checks: Checks, unmatched: UnmatchedConditions): EvaluationSuccess {
  let resolution: Resolution;
  try {
    resolution = resolutionOf(explainEvaluation(item, checks, unmatched));
  } catch (error) {
    throw invalidContext(`flag ${JSON.stringify(item.featureName)} cannot be evaluated for this context: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { key: item.featureName, value: resolution.value, reason: resolution.reason, variant: resolution.variant, metadata: resolution.metadata };
}
