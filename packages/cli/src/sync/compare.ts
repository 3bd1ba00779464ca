import type { StoredDocument } from '@flipper-client/core/store';
import { encodedOnce } from './encoded-once.js';
import type { StoreContents } from './read-items.js';

/** One part of a flag that two stores hold differently; `from`/`to` are the stored JSON values, `undefined` where a side has none. */
export interface PartDifference {
  /** `is_enabled`, `conditions[N]` (N from 1), `bucketer`, `client_data`, `created_date`, or `document` when only the text differs. */
  readonly part: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface FlagDifference {
  readonly featureName: string;
  readonly differences: readonly PartDifference[];
}

/** What tells two stores apart, every list in name order. */
export interface StoreComparison {
  readonly onlyInFrom: readonly string[];
  readonly onlyInTo: readonly string[];
  readonly changed: readonly FlagDifference[];
  /** Flags whose stored document does not decode, on either side: never counted as equal. */
  readonly undecodable: readonly { readonly featureName: string; readonly side: 'from' | 'to' }[];
  readonly unchanged: number;
}

export function isEqual(comparison: StoreComparison): boolean {
  return comparison.onlyInFrom.length === 0 && comparison.onlyInTo.length === 0 && comparison.changed.length === 0 && comparison.undecodable.length === 0;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The parts of one flag's two documents that differ, in the order a reader checks them. */
export function compareDocuments(from: StoredDocument, to: StoredDocument): PartDifference[] {
  const differences: PartDifference[] = [];
  if (from.is_enabled !== to.is_enabled) differences.push({ part: 'is_enabled', from: from.is_enabled, to: to.is_enabled });
  const conditions = Math.max(from.meta.conditions.length, to.meta.conditions.length);
  for (let i = 0; i < conditions; i++) {
    const [a, b] = [from.meta.conditions[i], to.meta.conditions[i]];
    if (!same(a, b)) differences.push({ part: `conditions[${i + 1}]`, from: a, to: b });
  }
  if (!same(from.meta.bucketer, to.meta.bucketer)) differences.push({ part: 'bucketer', from: from.meta.bucketer, to: to.meta.bucketer });
  if (!same(from.meta.client_data, to.meta.client_data)) differences.push({ part: 'client_data', from: from.meta.client_data, to: to.meta.client_data });
  if (from.meta.created_date !== to.meta.created_date) differences.push({ part: 'created_date', from: from.meta.created_date, to: to.meta.created_date });
  return differences;
}

/**
 * Compares two stores flag by flag: a flag is equal only when both hold the same document, byte
 * for byte, as `copy` verifies it, so `diff` says "equal" exactly when a copy would change nothing.
 */
export function compareStores(from: StoreContents, to: StoreContents): StoreComparison {
  const target = new Map(to.items.map((item) => [item.featureName, item]));
  const undecodable = [
    ...from.invalid.map((error) => ({ featureName: error.featureName ?? '?', side: 'from' as const })),
    ...to.invalid.map((error) => ({ featureName: error.featureName ?? '?', side: 'to' as const })),
  ].sort((a, b) => (a.featureName < b.featureName ? -1 : a.featureName > b.featureName ? 1 : 0));
  const skipped = new Set(undecodable.map((entry) => entry.featureName));
  const onlyInFrom: string[] = [];
  const changed: FlagDifference[] = [];
  let unchanged = 0;
  for (const item of from.items) {
    const other = target.get(item.featureName);
    target.delete(item.featureName);
    if (skipped.has(item.featureName)) continue;
    if (other === undefined) onlyInFrom.push(item.featureName);
    else if (encodedOnce(item) === encodedOnce(other)) unchanged++;
    else {
      const differences = compareDocuments(item.toJSON(), other.toJSON());
      changed.push({ featureName: item.featureName, differences: differences.length > 0 ? differences : [{ part: 'document', from: encodedOnce(item), to: encodedOnce(other) }] });
    }
  }
  const onlyInTo = [...target.keys()].filter((name) => !skipped.has(name));
  return { onlyInFrom, onlyInTo, changed, undecodable, unchanged };
}
