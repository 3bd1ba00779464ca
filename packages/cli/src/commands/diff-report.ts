import type { StoredBucketer, StoredCondition } from '@flipper-client/core';
import { pythonJsonDumps, type JsonObject } from '@flipper-client/core/store';
import { describeBucketer, describeCondition, formatEpoch } from '../describe-flag.js';
import type { Output } from '../output.js';
import { isEqual, type PartDifference, type StoreComparison } from '../sync/compare.js';

/** One side of a part in words; `none` where that side has none. */
function describeValue(part: string, value: unknown): string {
  if (value === undefined) return 'none';
  if (part === 'is_enabled') return value === true ? 'on' : 'off';
  if (part.startsWith('conditions[')) return describeCondition(value as StoredCondition);
  if (part === 'bucketer') return describeBucketer(value as StoredBucketer);
  if (part === 'client_data') return Object.keys(value as JsonObject).length === 0 ? 'none' : pythonJsonDumps(value as JsonObject);
  if (part === 'created_date') return formatEpoch(value as number);
  return String(value);
}

function partLabel(part: string): string {
  const condition = /^conditions\[(\d+)\]$/.exec(part);
  if (condition !== null) return `condition ${condition[1]}`;
  return { is_enabled: 'state', client_data: 'client data', created_date: 'created', bucketer: 'bucketer' }[part] ?? part;
}

function describeDifference(difference: PartDifference): string {
  return `  ${partLabel(difference.part)}: ${describeValue(difference.part, difference.from)} → ${describeValue(difference.part, difference.to)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The report of `flipper diff`: in words, or with `--json` one object of the stored values. */
export function printComparison(output: Output, from: string, to: string, comparison: StoreComparison): void {
  const equal = isEqual(comparison);
  if (output.json) {
    output.value({
      from,
      to,
      equal,
      only_in_from: comparison.onlyInFrom,
      only_in_to: comparison.onlyInTo,
      changed: comparison.changed.map((flag) => ({
        feature_name: flag.featureName,
        differences: flag.differences.map((difference) => ({ part: difference.part, from: difference.from ?? null, to: difference.to ?? null })),
      })),
      undecodable: comparison.undecodable.map((entry) => ({ feature_name: entry.featureName, side: entry.side })),
      unchanged: comparison.unchanged,
    });
    return;
  }
  if (equal) {
    output.line(`equal: ${from} and ${to} hold the same ${plural(comparison.unchanged, 'flag')}`);
    return;
  }
  const lines: string[] = [];
  for (const name of comparison.onlyInFrom) lines.push(`only in ${from}: ${name}`);
  for (const name of comparison.onlyInTo) lines.push(`only in ${to}: ${name}`);
  for (const flag of comparison.changed) lines.push(`${flag.featureName} differs:`, ...flag.differences.map(describeDifference));
  for (const entry of comparison.undecodable) lines.push(`does not decode in ${entry.side === 'from' ? from : to}: ${entry.featureName}`);
  const counts = [
    `${comparison.onlyInFrom.length} only in ${from}`,
    `${comparison.onlyInTo.length} only in ${to}`,
    `${comparison.changed.length} changed`,
    ...(comparison.undecodable.length > 0 ? [`${comparison.undecodable.length} not decoding`] : []),
  ];
  lines.push(`different: ${counts.join(', ')}; ${comparison.unchanged} the same`);
  output.lines(lines);
}
