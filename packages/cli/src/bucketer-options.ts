import {
  ConsistentHashPercentageBucketer,
  LinearRampPercentage,
  Percentage,
  PercentageBucketer,
  type Bucketer,
  type PercentageSource,
} from '@flipper-client/core';
import { asUsageError, UsageError } from './errors.js';

export interface BucketerOptions {
  /** The share: `0.25` or `25%`; the share a ramp ends at. */
  percentage?: string;
  /** Check names whose values are hashed; `true` (the option without a value): all checks. */
  consistent?: string[] | true;
  /** When a ramp starts (default now); see `parseTime`. */
  rampStart?: string;
  /** When a ramp reaches `percentage`. */
  rampEnd?: string;
  /** The share a ramp starts from (default 0). */
  rampFrom?: string;
}

/** `0.25`, `.5`, `1` or `25%` as a share in [0, 1]; anything else is a usage error naming the option. */
export function parseShare(text: string, option: string, flag: string): number {
  const trimmed = text.trim();
  const asPercent = trimmed.endsWith('%');
  const number = Number(asPercent ? trimmed.slice(0, -1) : trimmed);
  if (trimmed === '' || trimmed === '%' || !Number.isFinite(number)) {
    throw new UsageError(`flag ${JSON.stringify(flag)}: bucketer set: ${option} must be a share in [0, 1] such as 0.25, or a percent such as 25%, got ${JSON.stringify(text)}`);
  }
  const share = asPercent ? number / 100 : number;
  if (share < 0 || share > 1) {
    const hint = !asPercent && number > 1 && number <= 100 ? ` (for ${number} percent write ${number}% or ${number / 100})` : '';
    throw new UsageError(`flag ${JSON.stringify(flag)}: bucketer set: ${option} must be a share in [0, 1], got ${text}${hint}`);
  }
  return share;
}

const RELATIVE = /^\+(\d+(?:\.\d+)?)([smhd])$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `now`, `+30m` / `+2h` / `+1d` / `+90s` from now, epoch seconds, or an ISO 8601 date-time; as epoch seconds. */
export function parseTime(text: string, option: string, flag: string, now: number): number {
  const trimmed = text.trim();
  if (trimmed === 'now') return now;
  const relative = RELATIVE.exec(trimmed);
  if (relative !== null) return Math.round(now + Number(relative[1]) * UNIT_SECONDS[relative[2]!]!);
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed)) {
    throw new UsageError(`flag ${JSON.stringify(flag)}: bucketer set: ${option} must be now, +30m, +2h, +1d, epoch seconds or an ISO date-time (2026-12-24T09:00:00Z), got ${JSON.stringify(text)}`);
  }
  return Math.round(parsed / 1000);
}

function percentageOf(flag: string, options: BucketerOptions, share: number, now: number): PercentageSource {
  if (options.rampEnd === undefined) {
    if (options.rampStart !== undefined || options.rampFrom !== undefined) {
      throw new UsageError(`flag ${JSON.stringify(flag)}: bucketer set: a ramp needs --ramp-end (when it reaches --percentage)`);
    }
    return new Percentage(share);
  }
  const start = options.rampStart === undefined ? now : parseTime(options.rampStart, '--ramp-start', flag, now);
  const end = parseTime(options.rampEnd, '--ramp-end', flag, now);
  if (end < start) throw new UsageError(`flag ${JSON.stringify(flag)}: bucketer set: --ramp-end comes before --ramp-start`);
  return new LinearRampPercentage({
    initialValue: options.rampFrom === undefined ? 0 : parseShare(options.rampFrom, '--ramp-from', flag),
    finalValue: share,
    rampDuration: end - start,
    initialTime: start,
  });
}

/**
 * The bucketer `bucketer set` describes: random (`--percentage`), consistent (`--consistent
 * user_id`), either of them on a linear ramp (`--ramp-end`, with `--ramp-start` and
 * `--ramp-from`).
 */
export function buildBucketer(flag: string, options: BucketerOptions, now = Math.floor(Date.now() / 1000)): Bucketer {
  if (options.percentage === undefined) throw new UsageError(`flag ${JSON.stringify(flag)}: bucketer set: --percentage is required (0.25 or 25%)`);
  const share = parseShare(options.percentage, '--percentage', flag);
  try {
    const percentage = percentageOf(flag, options, share, now);
    if (options.consistent === undefined) return new PercentageBucketer({ percentage });
    const keyWhitelist = options.consistent === true ? [] : options.consistent;
    return new ConsistentHashPercentageBucketer({ percentage, keyWhitelist });
  } catch (error) {
    return asUsageError(flag, 'bucketer set', error);
  }
}

/** Commander collector for `--consistent [keys]`: repeatable, comma-separated, or bare for all checks. */
export function collectKeys(value: string | boolean, previous: string[] | true | undefined): string[] | true {
  if (value === true || value === '') return previous ?? true;
  const keys = String(value).split(',').map((key) => key.trim()).filter((key) => key !== '');
  return [...(previous === undefined || previous === true ? [] : previous), ...keys];
}
