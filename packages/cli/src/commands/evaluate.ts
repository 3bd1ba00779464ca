import { describeExplanation, FeatureFlagClient } from '@flipper-client/core';
import { EXIT, UsageError } from '../errors.js';
import { parsePairs } from '../key-values.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';

export interface EvalOptions {
  default?: boolean;
  unmatchedConditions?: string;
}

/**
 * `isEnabled`'s answer for these checks and the rule that gave it (`features.explain`), in one
 * sentence (`describeExplanation`) or as JSON. A missing flag answers the default, as
 * `isEnabled` does, and ends with exit code 1 so that a typo does not pass for "off".
 */
export async function evalCommand(context: CommandContext, name: string, pairs: readonly string[], options: EvalOptions): CommandResult {
  const checks = parsePairs(pairs, `flag ${JSON.stringify(name)}: eval`);
  const unmatched = options.unmatchedConditions ?? 'bucket';
  if (unmatched !== 'bucket' && unmatched !== 'enable') {
    throw new UsageError(`--unmatched-conditions must be bucket or enable, got ${JSON.stringify(unmatched)}`);
  }
  return withStore(context, storeUrlOf(context.globals), async ({ store }) => {
    const features = new FeatureFlagClient(store, { unmatchedConditions: unmatched });
    const explanation = await features.explain(name, checks, { default: options.default === true });
    const { output } = context;
    if (output.json) output.value({ ...explanation, description: describeExplanation(explanation) });
    else output.line(describeExplanation(explanation));
    if (explanation.reason.kind !== 'missing') return EXIT.ok;
    output.warn(`flag ${JSON.stringify(name)}: does not exist (isEnabled answers the default, ${String(explanation.enabled)})`);
    return EXIT.flag;
  });
}
