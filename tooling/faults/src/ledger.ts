import type { FeatureFlagStoreItem } from '@flipper-client/core/store';

/**
 * One write a worker attempted, with what it was told. Writes are designed so that loss and
 * duplication show in the stored flag:
 * - `condition`: `addCondition(new Condition({ [id]: true }))` appends a condition on a variable
 *   no other write uses, so a write applied twice shows up as two conditions;
 * - `clientData`: `setClientData({ [id]: n })` adds a key no other write uses (a second application
 *   is invisible, but a lost one is not).
 */
export interface LedgerEntry {
  readonly flag: string;
  readonly id: string;
  readonly kind: 'condition' | 'clientData';
  readonly outcome: 'acked' | 'failed';
  readonly startedAt: number;
  readonly settledAt: number;
  /** For a failed write: the error's class name and whether it named the flag. */
  readonly errorName?: string;
  readonly errorNamesFlag?: boolean;
  readonly errorMessage?: string;
  /** For a failed write: the error's `code` (`WRITE_NOT_APPLIED`, `WRITE_OUTCOME_UNKNOWN`...). */
  readonly errorCode?: string;
}

export interface LedgerAudit {
  readonly acked: number;
  readonly failed: number;
  /** Acknowledged writes missing from the store. */
  readonly lost: readonly string[];
  /** Writes present more than once (conditions only). */
  readonly duplicated: readonly string[];
  /** Writes told "failed" that landed all the same, whatever the error said. */
  readonly failedButPresent: number;
  /**
   * Writes told "failed" with any code but `WRITE_OUTCOME_UNKNOWN` that landed all the same: a
   * store that says a write did not happen must be right (goal 0).
   */
  readonly reportedFailedButApplied: number;
  /** Writes told `WRITE_OUTCOME_UNKNOWN`: how many landed, and how many did not. */
  readonly unknownApplied: number;
  readonly unknownNotApplied: number;
  /** Ids in the store that no ledger entry accounts for. */
  readonly unaccounted: readonly string[];
}

/** How many times each write id appears in a stored flag. */
export function occurrences(item: FeatureFlagStoreItem): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (id: string): void => void counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const key of Object.keys(item.meta.clientData)) bump(key);
  for (const condition of item.meta.conditions) {
    for (const check of condition.checks) bump(check.variable);
  }
  return counts;
}

/**
 * Checks the entries of every ledger against the stored flags (`stored` by flag name): every
 * acknowledged write present exactly once, nothing present that nobody wrote. `ignore` lists ids
 * the flags held before the run.
 */
export function auditLedger(
  entries: readonly LedgerEntry[],
  stored: ReadonlyMap<string, FeatureFlagStoreItem | undefined>,
  ignore: ReadonlySet<string> = new Set(),
): LedgerAudit {
  const counts = new Map<string, Map<string, number>>();
  for (const [flag, item] of stored) counts.set(flag, item === undefined ? new Map() : occurrences(item));
  const lost: string[] = [];
  const duplicated: string[] = [];
  const known = new Set<string>();
  let acked = 0;
  let failed = 0;
  let failedButPresent = 0;
  let reportedFailedButApplied = 0;
  let unknownApplied = 0;
  let unknownNotApplied = 0;
  for (const entry of entries) {
    known.add(`${entry.flag}\u0000${entry.id}`);
    const seen = counts.get(entry.flag)?.get(entry.id) ?? 0;
    if (seen > 1) duplicated.push(entry.id);
    if (entry.outcome === 'acked') {
      acked++;
      if (seen === 0) lost.push(entry.id);
    } else {
      failed++;
      if (seen > 0) failedButPresent++;
      if (entry.errorCode === 'WRITE_OUTCOME_UNKNOWN') {
        if (seen > 0) unknownApplied++;
        else unknownNotApplied++;
      } else if (seen > 0) reportedFailedButApplied++;
    }
  }
  const unaccounted: string[] = [];
  for (const [flag, ids] of counts) {
    for (const id of ids.keys()) {
      if (!known.has(`${flag}\u0000${id}`) && !ignore.has(id)) unaccounted.push(id);
    }
  }
  return { acked, failed, lost, duplicated, failedButPresent, reportedFailedButApplied, unknownApplied, unknownNotApplied, unaccounted };
}
