/**
 * The data of usage counting: what a client flushes to its store and what a store reads back.
 * Times are epoch seconds, as `created_date` and `Clock` are; a day window is a UTC calendar day
 * written `YYYY-MM-DD`.
 */

/** Evaluations by what they answered. */
export interface EvaluationCounts {
  /** Answered true from the flag. */
  readonly on: number;
  /** Answered false from the flag. */
  readonly off: number;
  /** Answered the caller's default: the flag was missing, the store failed or the checks could not be evaluated. */
  readonly default: number;
}

/** One flag's evaluations since the previous flush of one client. */
export interface FlagUsageDelta extends EvaluationCounts {
  readonly featureName: string;
}

/**
 * What one client flushes: counts since its previous flush, never running totals, so that a
 * fleet's reports add up in the store whatever their order.
 */
export interface UsageReport {
  /** The reporting process's client (random per client unless configured). */
  readonly instanceId: string;
  /** When the counts were taken (epoch seconds): their day window and every flag's last-seen time. */
  readonly at: number;
  /** Only flags evaluated since the previous flush; never empty. */
  readonly flags: readonly FlagUsageDelta[];
}

/** One flag's evaluations within one UTC day. */
export interface DailyUsage extends EvaluationCounts {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
}

/** One flag's usage as a store reads it back. */
export interface FlagUsage {
  readonly featureName: string;
  /** Days of the window with at least one evaluation, oldest first. */
  readonly days: readonly DailyUsage[];
  /** The sum of `days`. */
  readonly total: EvaluationCounts;
  /**
   * The last flush that carried an evaluation of the flag (epoch seconds): the flag was last
   * evaluated at most one flush interval before it.
   */
  readonly lastSeen: number | undefined;
}

/** Which usage to read back. */
export interface UsageQuery {
  /** Only this flag; every flag with usage in the window when absent. */
  readonly featureName?: string;
  /** The window: this many UTC days ending with today's; default 30. */
  readonly days?: number;
  /** "Now" in epoch seconds, for the window's end; default the system clock. */
  readonly now?: number;
}

export const DEFAULT_USAGE_DAYS = 30;
const SECONDS_PER_DAY = 86_400;

/** The UTC day window of an epoch-seconds time, `YYYY-MM-DD`. */
export function usageDay(epochSeconds: number): string {
  return new Date(Math.floor(epochSeconds) * 1000).toISOString().slice(0, 10);
}

/** The day windows a query covers, oldest first. */
export function usageWindow(query: UsageQuery = {}): string[] {
  const days = query.days ?? DEFAULT_USAGE_DAYS;
  const now = query.now ?? Date.now() / 1000;
  const window: string[] = [];
  for (let back = days - 1; back >= 0; back--) window.push(usageDay(now - back * SECONDS_PER_DAY));
  return window;
}

/** Sums per-day counts into a `FlagUsage`, dropping empty days. */
export function summarizeUsage(featureName: string, days: readonly DailyUsage[], lastSeen: number | undefined): FlagUsage {
  const kept = days.filter((day) => day.on + day.off + day.default > 0);
  const total = { on: 0, off: 0, default: 0 };
  for (const day of kept) {
    total.on += day.on;
    total.off += day.off;
    total.default += day.default;
  }
  return { featureName, days: kept, total, lastSeen };
}
