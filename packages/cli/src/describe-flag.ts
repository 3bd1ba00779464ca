import type { StoredBucketer, StoredCondition, StoredPercentage } from '@flipper-client/core';
import { pythonJsonDumps, type FeatureFlagStoreItem } from '@flipper-client/core/store';

const OPERATOR_SYMBOLS: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', ne: '!=', in: 'in', not_in: 'not in' };

function percent(share: number): string {
  return `${Number((share * 100).toFixed(4))}%`;
}

/** Epoch seconds as `2026-12-03 06:30:00 UTC`. */
export function formatEpoch(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `age >= 18, country in ["NL", "BE"]`: the checks of one condition, values as Python writes them. */
export function describeCondition(condition: StoredCondition): string {
  return Object.values(condition)
    .flat()
    .map((check) => `${check.variable} ${check.operator === null ? '=' : (OPERATOR_SYMBOLS[check.operator] ?? check.operator)} ${pythonJsonDumps(check.value)}`)
    .join(', ');
}

function describePercentage(percentage: StoredPercentage, now: number): string {
  if (percentage.type === 'Percentage') return percent(percentage.value);
  const { initial_value: from, final_value: to, ramp_duration: duration, initial_time: start } = percentage;
  const current = duration === 0 ? to : Math.min(to, from + ((to - from) / duration) * (now - start));
  return `ramp ${percent(from)} → ${percent(to)} from ${formatEpoch(start)} to ${formatEpoch(start + duration)} (now ${percent(current)})`;
}

/** `25% random`, `50% consistent hash on user_id`, `ramp 20% → 80% from … to … (now 35%), random`, `none`. */
export function describeBucketer(bucketer: StoredBucketer, now = Date.now() / 1000): string {
  if (bucketer.type === 'NoOpBucketer') return 'none';
  // A ramp's description ends in its own parenthesis: a comma keeps the kind from running into it.
  const share = `${describePercentage(bucketer.percentage, now)}${bucketer.percentage.type === 'Percentage' ? '' : ','}`;
  if (bucketer.type === 'PercentageBucketer') return `${share} random`;
  return `${share} consistent hash on ${bucketer.key_whitelist.length === 0 ? 'all checks' : bucketer.key_whitelist.join(', ')}`;
}

/** The lines of `flipper show`. */
export function describeFlag(item: FeatureFlagStoreItem): string[] {
  const meta = item.meta.toJSON();
  const conditions = meta.conditions.map((condition, index) => `${index + 1}. ${describeCondition(condition)}`);
  const pad = ' '.repeat(15);
  return [
    item.featureName,
    `  enabled:     ${item.enabled ? 'yes' : 'no'}`,
    `  created:     ${formatEpoch(meta.created_date)}`,
    `  client data: ${Object.keys(meta.client_data).length === 0 ? 'none' : pythonJsonDumps(meta.client_data)}`,
    `  conditions:  ${conditions.length === 0 ? 'none' : conditions.join(`\n${pad}`)}`,
    `  bucketer:    ${describeBucketer(meta.bucketer)}`,
  ];
}
