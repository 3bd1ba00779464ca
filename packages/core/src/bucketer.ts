import { ConsistentHasher } from './consistent-hash.js';
import { InvalidArgumentError } from './errors.js';
import type { PercentageSource, StoredPercentage } from './percentage.js';
import { LinearRampPercentage, Percentage } from './percentage.js';

export interface StoredNoOpBucketer {
  type: 'NoOpBucketer';
}

export interface StoredPercentageBucketer {
  type: 'PercentageBucketer';
  percentage: StoredPercentage;
}

export interface StoredConsistentHashPercentageBucketer {
  type: 'ConsistentHashPercentageBucketer';
  percentage: StoredPercentage;
  key_whitelist: string[];
}

export type StoredBucketer =
  | StoredNoOpBucketer
  | StoredPercentageBucketer
  | StoredConsistentHashPercentageBucketer;

/** Decides a share of evaluations when no condition is in play. */
export interface Bucketer {
  readonly type: StoredBucketer['type'];
  /** True when these checks fall in the enabled share. May throw for checks it cannot hash. */
  check(checks: Readonly<Record<string, unknown>> | undefined): boolean;
  toJSON(): StoredBucketer;
}

function assertPercentage(percentage: unknown, owner: string): asserts percentage is PercentageSource {
  if (!(percentage instanceof Percentage) && !(percentage instanceof LinearRampPercentage)) {
    throw new InvalidArgumentError(
      `${owner} needs a percentage: new Percentage(value) or new LinearRampPercentage({...})`,
    );
  }
}

/** The default: no bucketing, every evaluation is in. */
export class NoOpBucketer implements Bucketer {
  readonly type = 'NoOpBucketer' as const;

  check(): boolean {
    return true;
  }

  toJSON(): StoredNoOpBucketer {
    return { type: 'NoOpBucketer' };
  }
}

export interface PercentageBucketerOptions {
  percentage: PercentageSource;
  /** Source of draws in [0, 1); default `Math.random`. Not stored. */
  random?: () => number;
}

/** Random assignment: each evaluation is in with probability `percentage`. */
export class PercentageBucketer implements Bucketer {
  readonly type = 'PercentageBucketer' as const;
  readonly percentage: PercentageSource;
  private readonly random: () => number;

  constructor(options: PercentageBucketerOptions) {
    assertPercentage(options?.percentage, 'PercentageBucketer');
    this.percentage = options.percentage;
    this.random = options.random ?? Math.random;
  }

  check(): boolean {
    const share = this.percentage.value;
    return share !== 0 && this.random() <= share;
  }

  toJSON(): StoredPercentageBucketer {
    return { type: 'PercentageBucketer', percentage: this.percentage.toJSON() };
  }
}

export interface ConsistentHashPercentageBucketerOptions {
  percentage: PercentageSource;
  /** Check names that feed the hash; empty (the default) means every check. */
  keyWhitelist?: readonly string[];
}

/**
 * Consistent assignment: the same checks always land in the same bucket, bucket for bucket the
 * same as the Python library (SHA-1 of Python's JSON of the sorted checks, mod 100).
 */
export class ConsistentHashPercentageBucketer implements Bucketer {
  readonly type = 'ConsistentHashPercentageBucketer' as const;
  readonly percentage: PercentageSource;
  readonly keyWhitelist: readonly string[];
  /**
   * Made at the first check: a bucketer read with a document and never asked costs nothing. A
   * `#` field, so that it shows in no equality, key list or copy of the bucketer, and can be
   * set on a frozen one.
   */
  #hasher: ConsistentHasher | undefined;

  constructor(options: ConsistentHashPercentageBucketerOptions) {
    assertPercentage(options?.percentage, 'ConsistentHashPercentageBucketer');
    const keyWhitelist = options.keyWhitelist ?? [];
    if (!Array.isArray(keyWhitelist) || !keyWhitelist.every((key) => typeof key === 'string')) {
      throw new InvalidArgumentError('ConsistentHashPercentageBucketer keyWhitelist must be an array of strings');
    }
    this.percentage = options.percentage;
    this.keyWhitelist = Object.freeze([...keyWhitelist]);
  }

  check(checks: Readonly<Record<string, unknown>> | undefined): boolean {
    const share = this.percentage.value;
    if (share === 0) return false;
    this.#hasher ??= new ConsistentHasher(this.keyWhitelist);
    return this.#hasher.residue(checks) / 100 <= share;
  }

  toJSON(): StoredConsistentHashPercentageBucketer {
    return {
      type: 'ConsistentHashPercentageBucketer',
      percentage: this.percentage.toJSON(),
      key_whitelist: [...this.keyWhitelist],
    };
  }
}

export function isBucketer(value: unknown): value is Bucketer {
  return (
    value instanceof NoOpBucketer ||
    value instanceof PercentageBucketer ||
    value instanceof ConsistentHashPercentageBucketer
  );
}
