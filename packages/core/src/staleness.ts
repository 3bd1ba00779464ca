import type { FeatureFlagStoreItem } from './item.js';
import { usageWindow, type FlagUsage } from './usage.js';

/**
 * The client-data key that marks a flag permanent (a kill switch, an operational toggle): such
 * a flag is never stale. Ordinary client data, `{"permanent": true}`, so the Python library
 * reads and keeps it like any other.
 */
export const PERMANENT_KEY = 'permanent';

export const DEFAULT_STALE_DAYS = 30;
const SECONDS_PER_DAY = 86_400;

/** Why a flag is potentially stale. Times are epoch seconds. */
export type StaleReason =
  /** Evaluated before, but not in the last `days` days. */
  | { readonly kind: 'not-evaluated'; readonly days: number; readonly lastSeen: number }
  /** Created at least `days` days ago and never evaluated since (as far as the store's usage reaches back). */
  | { readonly kind: 'never-evaluated'; readonly days: number; readonly createdDate: number }
  /** On or off for everyone (no conditions, no bucketer) for at least `days` days: the same answer to every caller. */
  | { readonly kind: 'fixed-answer'; readonly days: number; readonly answer: boolean };

export interface Staleness {
  readonly featureName: string;
  /** Marked permanent: never stale, whatever else holds. */
  readonly permanent: boolean;
  /** Every reason that holds, in the order of `StaleReason`; empty when the flag is not stale. */
  readonly reasons: readonly StaleReason[];
  readonly stale: boolean;
}

export interface StalenessInput {
  readonly item: FeatureFlagStoreItem;
  /**
   * The flag's usage as the store read it back over at least the last `days` days (a longer
   * window lets `not-evaluated` tell "long ago" from "never"); undefined when it has none.
   */
  readonly usage?: FlagUsage | undefined;
  /** When the flag's state or rules last changed, where a history knows it; else its creation bounds it. */
  readonly lastChanged?: number | undefined;
}

export interface StalenessOptions {
  /** Days of the rules; default 30. */
  readonly days?: number;
  /** "Now", epoch seconds; default the system clock. */
  readonly now?: number;
}

/** Whether the flag's client data marks it permanent (`{"permanent": true}`). */
export function isPermanent(item: FeatureFlagStoreItem): boolean {
  return item.meta.clientData[PERMANENT_KEY] === true;
}

/** The answer of a flag that says the same to everyone: on or off with no conditions and no bucketer. */
export function fixedAnswer(item: FeatureFlagStoreItem): boolean | undefined {
  if (item.meta.conditions.length > 0 || item.meta.bucketer.type !== 'NoOpBucketer') return undefined;
  return item.enabled;
}

/**
 * The staleness rules, as a pure function of the flag, its usage and the time: a flag is
 * potentially stale when it was not evaluated for `days` days, was never evaluated since it was
 * created `days` ago, or has given one fixed answer for `days` days (its rules unchanged that
 * long, and no other answer in its usage of the window). A permanent flag is never stale.
 */
export function assessStaleness(input: StalenessInput, options: StalenessOptions = {}): Staleness {
  const { item, usage } = input;
  const days = options.days ?? DEFAULT_STALE_DAYS;
  const now = options.now ?? Date.now() / 1000;
  const cutoff = now - days * SECONDS_PER_DAY;
  const featureName = item.featureName;
  if (isPermanent(item)) return { featureName, permanent: true, reasons: [], stale: false };

  const reasons: StaleReason[] = [];
  const lastSeen = usage?.lastSeen;
  if (lastSeen !== undefined && lastSeen < cutoff) reasons.push({ kind: 'not-evaluated', days, lastSeen });
  if (lastSeen === undefined && item.meta.createdDate <= cutoff) {
    reasons.push({ kind: 'never-evaluated', days, createdDate: item.meta.createdDate });
  }
  const answer = fixedAnswer(item);
  const unchangedSince = input.lastChanged ?? item.meta.createdDate;
  if (answer !== undefined && unchangedSince <= cutoff && !answeredOtherwise(usage, answer, { days, now })) {
    reasons.push({ kind: 'fixed-answer', days, answer });
  }
  return { featureName, permanent: false, reasons, stale: reasons.length > 0 };
}

/** Whether the usage of the window holds an answer other than `answer` from the flag itself. */
function answeredOtherwise(usage: FlagUsage | undefined, answer: boolean, window: { days: number; now: number }): boolean {
  if (usage === undefined) return false;
  const first = usageWindow(window)[0]!;
  return usage.days.some((day) => day.day >= first && (answer ? day.off : day.on) > 0);
}

/** A reason in words, for the command line and logs. */
export function describeStaleReason(reason: StaleReason): string {
  switch (reason.kind) {
    case 'not-evaluated':
      return `not evaluated for ${reason.days} days (last seen ${new Date(reason.lastSeen * 1000).toISOString()})`;
    case 'never-evaluated':
      return `never evaluated since it was created ${new Date(reason.createdDate * 1000).toISOString()}`;
    case 'fixed-answer':
      return `${reason.answer ? 'on' : 'off'} for everyone for ${reason.days} days`;
  }
}
