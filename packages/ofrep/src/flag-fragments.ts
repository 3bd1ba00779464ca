import type { Checks, UnmatchedConditions } from '@flipper-client/core';
import type { FeatureFlagStoreItem } from '@flipper-client/core/store';
import { OfrepError } from './errors.js';
import { RULE_METADATA_KEY } from '@flipper-client/openfeature-mapping';
import { evaluateFlag, type EvaluationSuccess } from './flag-evaluation.js';
import { outcomeOf } from './outcome.js';

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
const alike = new WeakMap<FeatureFlagStoreItem, Buffer>();

/** The entries of flags with rules, per stored item, by the rule that decided and the value. */
const outcomes = new WeakMap<FeatureFlagStoreItem, Map<string, Buffer>>();

/** The metadata of a resolution, `{ "flipper.rule": kind }`, serialized once per rule. */
const metadataJson = new Map<string, string>();

/**
 * `JSON.stringify(evaluation)`, written out: the key is the only free text; reason, variant
 * and rule are names of a closed list. Same members in the same order (the tests compare single and bulk answers).
 */
function successJson(evaluation: EvaluationSuccess): string {
  const rule = evaluation.metadata[RULE_METADATA_KEY];
  let metadata = metadataJson.get(rule);
  if (metadata === undefined) metadataJson.set(rule, (metadata = JSON.stringify(evaluation.metadata)));
  return `{"key":${JSON.stringify(evaluation.key)},"value":${evaluation.value},"reason":"${evaluation.reason}","variant":"${evaluation.variant}","metadata":${metadata}}`;
}

/**
 * A flag's evaluation as UTF-8 JSON, `JSON.stringify(evaluateFlag(...))` byte for byte, from
 * entries made once per stored item and outcome. Bytes, not text: a bulk answer is then copied
 * together, hashed and sent as it is. Throws INVALID_CONTEXT as `evaluateFlag` does.
 */
export function evaluationJson(item: FeatureFlagStoreItem, checks: Checks, unmatched: UnmatchedConditions): Buffer {
  const same = alike.get(item);
  if (same !== undefined) return same;
  if (answersAlike(item)) {
    const json = Buffer.from(successJson(evaluateFlag(item, checks, unmatched)));
    alike.set(item, json);
    return json;
  }
  // A flag with rules has a handful of possible answers (the rule that decided, and the value),
  // each serialized once; the compiled evaluator says which one this context gets.
  let answers = outcomes.get(item);
  if (answers === undefined) outcomes.set(item, (answers = new Map()));
  let fast: string;
  try {
    const outcome = outcomeOf(item, checks, unmatched);
    fast = `${outcome.kind}:${outcome.enabled}`;
  } catch {
    // The explanation says what the context cannot be evaluated with (INVALID_CONTEXT).
    return Buffer.from(successJson(evaluateFlag(item, checks, unmatched)));
  }
  const known = answers.get(fast);
  if (known !== undefined) return known;
  const evaluation = evaluateFlag(item, checks, unmatched);
  const json = Buffer.from(successJson(evaluation));
  answers.set(`${evaluation.metadata[RULE_METADATA_KEY]}:${evaluation.value}`, json);
  return json;
}

/** One flag's entry of a bulk answer: its evaluation, or the INVALID_CONTEXT failure beside the others. */
export function flagJson(item: FeatureFlagStoreItem, checks: Checks, unmatched: UnmatchedConditions): Buffer {
  try {
    return evaluationJson(item, checks, unmatched);
  } catch (error) {
    if (!(error instanceof OfrepError)) throw error;
    return Buffer.from(JSON.stringify({ key: item.featureName, errorCode: error.errorCode, errorDetails: error.details }));
  }
}
