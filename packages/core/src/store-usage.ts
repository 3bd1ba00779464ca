import type { FeatureFlagStore } from './store.js';
import type { FlagUsage, UsageQuery, UsageReport } from './usage.js';

/**
 * Capability: the store keeps how often each flag was evaluated, per UTC day, from the reports
 * of every client that shares it (see `UsageReport`).
 *
 * - **Adds up.** `addUsage` adds the report's counts to the day window of `report.at`; reports
 *   from many processes, in any order, sum. A flag's last-seen time becomes `report.at` if that
 *   is later than what is stored.
 * - **Out of the way of flags.** Usage is kept where no listing looks, the store's own `list`
 *   nor the Python library's: it is never mistaken for a flag document.
 * - **Bounded.** A store keeps at least 30 days and may forget older windows (Redis: an expiry).
 * - **Failures** reject with a `StoreError` within the store's timeout; the client retries a
 *   report once and then drops it, so a failing `addUsage` costs counts, never an evaluation.
 * - `readUsage` answers the flags with usage in the window (one flag with `featureName`), in
 *   code-point order of their names.
 */
export interface UsageCounts {
  addUsage(report: UsageReport): Promise<void>;
  readUsage(query?: UsageQuery): Promise<FlagUsage[]>;
}

/** Whether the store keeps usage counts (see {@link UsageCounts}). */
export function hasUsageCounts<S extends FeatureFlagStore>(store: S): store is S & UsageCounts {
  const candidate = store as S & Partial<UsageCounts>;
  return typeof candidate.addUsage === 'function' && typeof candidate.readUsage === 'function';
}
