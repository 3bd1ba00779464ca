import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from './errors.js';
import { systemClock, type Clock } from './percentage.js';
import type { UsageMeter } from './usage-meter.js';

/** How the client counts evaluations (see the README's "Usage counting"). */
export interface UsageOptions {
  /** Count evaluations at all; default true. `usage: false` is the same as `{ enabled: false }`. */
  enabled?: boolean;
  /** How often the counts go to the store and the meter; default 60,000 ms. */
  flushIntervalMs?: number;
  /** Wait before the one retry of a failed flush; default 1,000 ms. */
  retryDelayMs?: number;
  /** An OpenTelemetry `Meter`: the counts are also added to its `feature_flag.evaluations` counter. */
  meter?: UsageMeter;
  /** Names this client in its reports; default a random UUID per client. */
  instanceId?: string;
  /** Epoch seconds, for the reports' times; default the system clock. */
  clock?: Clock;
}

export interface ResolvedUsageOptions {
  readonly enabled: boolean;
  readonly flushIntervalMs: number;
  readonly retryDelayMs: number;
  readonly meter: UsageMeter | undefined;
  readonly instanceId: string;
  readonly clock: Clock;
}

function milliseconds(value: unknown, what: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
    throw new InvalidArgumentError(`usage ${what} must be a number of milliseconds of at least ${minimum}, got ${String(value)}`);
  }
  return value;
}

/** Fills in defaults and rejects bad options before the client starts. */
export function resolveUsageOptions(options: UsageOptions | false | undefined): ResolvedUsageOptions {
  const given = options === false ? { enabled: false } : (options ?? {});
  if (given.enabled !== undefined && typeof given.enabled !== 'boolean') {
    throw new InvalidArgumentError(`usage enabled must be a boolean, got ${String(given.enabled)}`);
  }
  if (given.meter !== undefined && typeof given.meter?.createCounter !== 'function') {
    throw new InvalidArgumentError('usage meter must be an OpenTelemetry Meter (an object with createCounter)');
  }
  if (given.instanceId !== undefined && (typeof given.instanceId !== 'string' || given.instanceId.length === 0)) {
    throw new InvalidArgumentError('usage instanceId must be a non-empty string');
  }
  return {
    enabled: given.enabled ?? true,
    flushIntervalMs: milliseconds(given.flushIntervalMs, 'flushIntervalMs', 60_000, 1),
    retryDelayMs: milliseconds(given.retryDelayMs, 'retryDelayMs', 1_000, 0),
    meter: given.meter,
    instanceId: given.instanceId ?? randomUUID(),
    clock: given.clock ?? systemClock,
  };
}
