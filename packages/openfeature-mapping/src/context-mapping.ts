import { InvalidArgumentError } from '@flipper-client/core';
import type { ContextMapping } from './context-to-checks.js';

/** How an evaluation context's targeting key becomes a check: the options of both the provider and the OFREP server. */
export interface ContextMappingOptions {
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
  targetingKeyValue?: (targetingKey: string) => unknown;
}

const identity = (targetingKey: string): string => targetingKey;

/**
 * The mapping with its defaults, checked before anything is built: a bad option is an
 * `InvalidArgumentError` whose message starts with `owner` (`openfeature provider`, `ofrep`).
 */
export function resolveContextMapping(options: ContextMappingOptions, owner: string): ContextMapping {
  const targetingKeyCheck = options.targetingKeyCheck ?? 'user_id';
  if (typeof targetingKeyCheck !== 'string' || targetingKeyCheck === '') {
    throw new InvalidArgumentError(`${owner}: targetingKeyCheck must be a non-empty check name, got ${JSON.stringify(targetingKeyCheck)}`);
  }
  const targetingKeyValue = options.targetingKeyValue ?? identity;
  if (typeof targetingKeyValue !== 'function') {
    throw new InvalidArgumentError(`${owner}: targetingKeyValue must be a function of the targeting key`);
  }
  return { targetingKeyCheck, targetingKeyValue };
}
