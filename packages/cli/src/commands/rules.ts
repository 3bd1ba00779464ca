import { Condition, NoOpBucketer } from '@flipper-client/core';
import { buildBucketer, type BucketerOptions } from '../bucketer-options.js';
import { describeBucketer, describeCondition } from '../describe-flag.js';
import { asUsageError, UsageError } from '../errors.js';
import { parsePairs } from '../key-values.js';
import { pythonJsonDumps } from '@flipper-client/core/store';
import type { CommandContext, CommandResult } from '../session.js';
import { changeFlag } from './change.js';
import { requireItem } from './inspect.js';

function needPairs(pairs: readonly string[], context: string): void {
  if (pairs.length === 0) throw new UsageError(`${context}: give at least one key=value`);
}

export function conditionAddCommand(context: CommandContext, name: string, pairs: readonly string[]): CommandResult {
  const what = `flag ${JSON.stringify(name)}: condition add`;
  needPairs(pairs, what);
  let condition: Condition;
  try {
    condition = new Condition(parsePairs(pairs, what));
  } catch (error) {
    asUsageError(name, 'condition add', error);
  }
  return changeFlag(context, name, async (features) => {
    await features.addCondition(name, condition);
    const count = (await requireItem(features, name)).meta.conditions.length;
    return `${name}: added condition ${count}: ${describeCondition(condition.toJSON())}`;
  });
}

export function conditionClearCommand(context: CommandContext, name: string): CommandResult {
  return changeFlag(context, name, async (features) => {
    const count = (await requireItem(features, name)).meta.conditions.length;
    await features.setConditions(name, []);
    return `${name}: removed ${count} condition${count === 1 ? '' : 's'}`;
  });
}

export function bucketerSetCommand(context: CommandContext, name: string, options: BucketerOptions): CommandResult {
  const bucketer = buildBucketer(name, options);
  return changeFlag(context, name, async (features) => {
    await features.setBucketer(name, bucketer);
    return `${name}: bucketer ${describeBucketer(bucketer.toJSON())}`;
  });
}

export function bucketerClearCommand(context: CommandContext, name: string): CommandResult {
  return changeFlag(context, name, async (features) => {
    await features.setBucketer(name, new NoOpBucketer());
    return `${name}: bucketer none`;
  });
}

export function dataSetCommand(context: CommandContext, name: string, pairs: readonly string[]): CommandResult {
  const what = `flag ${JSON.stringify(name)}: data set`;
  needPairs(pairs, what);
  const data = parsePairs(pairs, what);
  return changeFlag(context, name, async (features) => {
    try {
      await features.setClientData(name, data);
    } catch (error) {
      asUsageError(name, 'data set', error);
    }
    return `${name}: client data ${pythonJsonDumps(await features.getClientData(name))}`;
  });
}
