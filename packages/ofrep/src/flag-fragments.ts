import type { Checks, UnmatchedConditions } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { OfrepError } from './errors.js';
import { evaluateFlag } from './flag-evaluation.js';

/** Whether the flag answers the same whatever the checks: off, or on with no condition and no bucketer. */
function answersAlike(item: FeatureFlagStoreItem): boolean {
  return !item.enabled || (item.meta.conditions.length === 0 && item.meta.bucketer.type === 'NoOpBucketer');
}

/**
 * Whether the answer follows from the flag and the checks alone: not from a random draw
 * (`PercentageBucketer`) or the clock (a linear ramp). Only such answers may be remembered.
 */
export function isPure(item: FeatureFlagStoreItem): boolean {
  if (answersAlike(item)) return true;
  const bucketer = item.meta.bucketer;
  if (bucketer.type === 'NoOpBucketer') return true;
  // By shape, not instanceof: a second copy of core (ESM beside CommonJS) makes other classes.
  const percentage = (bucketer as { readonly percentage?: { readonly type?: unknown } }).percentage;
  return bucketer.type === 'ConsistentHashPercentageBucketer' && percentage?.type === 'Percentage';
}

/**
 * The JSON of flags that answer alike for every context, made once per stored item (items are
 * immutable: a changed flag is a new item): most flags of a bulk answer are written without
 * being evaluated or serialized again.
 */
const alike = new WeakMap<FeatureFlagStoreItem, string>();

/** One flag's entry of a bulk answer, as JSON: its evaluation, or the INVALID_CONTEXT failure. */
export function flagJson(item: FeatureFlagStoreItem, checks: Checks, unmatched: UnmatchedConditions): string {
  const known = alike.get(item);
  if (known !== undefined) return known;
  let json: string;
  try {
    json = JSON.stringify(evaluateFlag(item, checks, unmatched));
  } catch (error) {
    if (!(error instanceof OfrepError)) throw error;
    return JSON.stringify({ key: item.featureName, errorCode: error.errorCode, errorDetails: error.details });
  }
  if (answersAlike(item)) alike.set(item, json);
  return json;
}
