import type { FeatureFlagClient, UnmatchedConditions } from '@flipper-client/core';
import { resolveContextMapping, type ContextMapping } from '@flipper-client/openfeature-mapping';
import type { EvaluationContextValue } from '@openfeature/server-sdk';

export interface FlipperProviderOptions {
  /**
   * The check that receives the evaluation context's targeting key; default `user_id`. The
   * targeting key wins over a context attribute of the same name.
   */
  targetingKeyCheck?: string;
  /**
   * Turns the targeting key (a string in OpenFeature) into the check's value; default: the string
   * itself. Python services usually pass integer user ids, and `7` and `"7"` land in different
   * consistent-hash buckets: give `Number` to bucket like them. Returning undefined leaves the
   * check out.
   */
  targetingKeyValue?: (targetingKey: string) => EvaluationContextValue | undefined;
}

export interface ResolvedProviderOptions extends ContextMapping {
  /** The client's rule (SPEC §4), so that the provider answers exactly as `client.isEnabled`. */
  readonly unmatchedConditions: UnmatchedConditions;
}

/** Validates the options before the provider is built; a bad option is an `InvalidArgumentError`. */
export function resolveProviderOptions(client: FeatureFlagClient, options: FlipperProviderOptions): ResolvedProviderOptions {
  return { ...resolveContextMapping(options, 'openfeature provider'), unmatchedConditions: client.unmatchedConditions };
}
