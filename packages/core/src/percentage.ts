import { InvalidArgumentError } from './errors.js';

export interface StoredConstantPercentage {
  type: 'Percentage';
  value: number;
}

export interface StoredLinearRampPercentage {
  type: 'LinearRampPercentage';
  initial_value: number;
  final_value: number;
  ramp_duration: number;
  initial_time: number;
}

export type StoredPercentage = StoredConstantPercentage | StoredLinearRampPercentage;

/** A share of traffic in [0, 1], constant or changing over time. */
export interface PercentageSource {
  readonly type: StoredPercentage['type'];
  /** The share at this moment. */
  readonly value: number;
  toJSON(): StoredPercentage;
}

/** Epoch seconds; injectable so that ramps can be tested without waiting. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now() / 1000;

export function assertFraction(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > 1) {
    throw new InvalidArgumentError(`${what} must be a number in [0, 1], got ${String(value)}`);
  }
}

/** A constant share: `new Percentage(0.1)` is 10% of traffic. */
export class Percentage implements PercentageSource {
  readonly type = 'Percentage' as const;
  readonly value: number;

  constructor(value = 1) {
    assertFraction(value, 'Percentage value');
    this.value = value;
  }

  toJSON(): StoredConstantPercentage {
    return { type: 'Percentage', value: this.value };
  }
}

export interface LinearRampOptions {
  /** Share at `initialTime`; default 0. */
  initialValue?: number;
  /** Share once the ramp is over; default 1. */
  finalValue?: number;
  /** Seconds from `initialValue` to `finalValue`; default 3600. */
  rampDuration?: number;
  /** Epoch seconds when the ramp starts; default now. */
  initialTime?: number;
  /** Source of the current time in epoch seconds; default the system clock. */
  clock?: Clock;
}

/**
 * A share that moves linearly from `initialValue` to `finalValue` over `rampDuration` seconds:
 * `min(final, initial + (final - initial) / duration * elapsed)`, as the Python library computes it.
 */
export class LinearRampPercentage implements PercentageSource {
  readonly type = 'LinearRampPercentage' as const;
  readonly initialValue: number;
  readonly finalValue: number;
  readonly rampDuration: number;
  readonly initialTime: number;
  private readonly clock: Clock;
  private readonly slope: number;

  constructor(options: LinearRampOptions = {}) {
    const { initialValue = 0, finalValue = 1, rampDuration = 3600, clock = systemClock } = options;
    assertFraction(initialValue, 'LinearRampPercentage initialValue');
    assertFraction(finalValue, 'LinearRampPercentage finalValue');
    if (typeof rampDuration !== 'number' || !Number.isFinite(rampDuration) || rampDuration < 0) {
      throw new InvalidArgumentError(
        `LinearRampPercentage rampDuration must be a finite number of seconds >= 0, got ${String(rampDuration)}`,
      );
    }
    const initialTime = options.initialTime ?? Math.floor(clock());
    if (typeof initialTime !== 'number' || !Number.isFinite(initialTime)) {
      throw new InvalidArgumentError(
        `LinearRampPercentage initialTime must be epoch seconds, got ${String(initialTime)}`,
      );
    }
    this.initialValue = initialValue;
    this.finalValue = finalValue;
    this.rampDuration = rampDuration;
    this.initialTime = initialTime;
    this.clock = clock;
    this.slope = rampDuration === 0 ? 0 : (finalValue - initialValue) / rampDuration;
  }

  get value(): number {
    if (this.rampDuration === 0) return this.finalValue;
    const elapsed = this.clock() - this.initialTime;
    return Math.min(this.finalValue, this.initialValue + this.slope * elapsed);
  }

  toJSON(): StoredLinearRampPercentage {
    return {
      type: 'LinearRampPercentage',
      initial_value: this.initialValue,
      final_value: this.finalValue,
      ramp_duration: this.rampDuration,
      initial_time: this.initialTime,
    };
  }
}
