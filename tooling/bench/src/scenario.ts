import type { RunContext } from './run-context.js';

/** How a row calls its library: a plain return, or a Promise that the loop awaits. */
export type CallMode = 'sync' | 'async';

/** What every row of a table says about itself. */
export interface RowLabel {
  /** Unique within its scenario; `baseline` and targets refer to it. */
  readonly id: string;
  /** The library as printed, e.g. `flipper (memory store)`, `unleash-client`. */
  readonly library: string;
  /** The call measured, as a user would write it. */
  readonly call: string;
}

/** A prepared subject: a closed loop over one library's call. */
export interface ThroughputBench {
  /**
   * Makes `iterations` calls and returns how many answered `true`. Every row runs a loop of its
   * own (`measured-loops.ts`, loaded fresh per row by `fresh-loops.ts`): a shared loop would
   * carry one set of inline caches for every row it serves and make whichever runs second look
   * slower.
   */
  run(iterations: number): number | Promise<number>;
  close?(): void | Promise<void>;
}

/**
 * Thrown by a subject's setup when the library cannot run the scenario as configured (e.g.
 * synchronous evaluation on a store without a complete local copy): the row prints the reason
 * instead of a number, and the run does not count it as an error.
 */
export class NotApplicableError extends Error {
  override readonly name = 'NotApplicableError';
}

export interface ThroughputSubject extends RowLabel {
  readonly mode: CallMode;
  /** Replaces the scenario's `checkAnswers` for this row, when its right answers differ. */
  readonly checkAnswers?: (trueCount: number, iterations: number) => string | undefined;
  setup(context: RunContext): Promise<ThroughputBench>;
}

/** A row printed for a library that cannot express the scenario's rule, instead of a number. */
export interface NotApplicableRow {
  readonly library: string;
  readonly reason: string;
}

/** A number quoted from elsewhere, printed with its label and never mixed up with a measurement. */
export interface ReferenceRow {
  readonly library: string;
  readonly label: string;
  readonly opsPerSecond: number;
}

/** A goal from the issue, checked and printed; never a reason to fail the run. */
export type Target =
  | {
      readonly subject: string;
      readonly atLeastTimesBaseline: number;
      /** The row the ratio is taken against, when not the scenario's baseline. */
      readonly of?: string;
      /** Which rounds the ratio compares: the best of each row (default) or the medians. */
      readonly by?: 'best' | 'median';
    }
  | { readonly subject: string; readonly atLeastOpsPerSecond: number; readonly why?: string };

interface ScenarioBase {
  /** Short, stable, kebab-case; `--filter` matches it. */
  readonly id: string;
  readonly title: string;
  /** What the rows measure, one or two sentences printed under the title. */
  readonly description: string;
  /** Position in the run; scenarios print in ascending order. */
  readonly order: number;
  /**
   * Workspace packages the scenario needs beyond the bench's own dependencies. When one is not
   * in the workspace yet the scenario is skipped with a note; it never prints a made-up number.
   */
  readonly requires?: readonly string[];
}

export interface ThroughputScenario extends ScenarioBase {
  readonly kind: 'throughput';
  /** The subject every ratio is taken against. */
  readonly baseline: string;
  readonly subjects: readonly ThroughputSubject[];
  readonly notApplicable?: readonly NotApplicableRow[];
  readonly references?: readonly ReferenceRow[];
  readonly targets?: readonly Target[];
  /**
   * A row that does only the unavoidable part of the work (e.g. one SHA-1 block per call): the
   * report says how far every other flipper row is from it.
   */
  readonly floor?: string;
  /**
   * Checks the answers of one run, so that a subject that is fast because it answers wrongly
   * (a flag it did not find, a rule it ignored) is reported as an error, not as a number.
   * Returns what is wrong, or undefined.
   */
  checkAnswers(trueCount: number, iterations: number): string | undefined;
}

export interface MemorySubject extends RowLabel {
  /** Builds the library's flags, one per name, and returns what keeps them alive. */
  populate(names: readonly string[]): Promise<unknown>;
}

export interface MemoryScenario extends ScenarioBase {
  readonly kind: 'memory';
  readonly baseline: string;
  readonly flagCount: number;
  readonly quickFlagCount: number;
  readonly subjects: readonly MemorySubject[];
}

export interface LatencySubject extends RowLabel {
  /** `false`: too slow for a smoke run, left out with `--quick` (e.g. the largest size of a scaling row). */
  readonly quick?: false;
  /** Takes `samples` measurements and returns them in milliseconds. */
  measure(context: RunContext, samples: number): Promise<LatencySamples>;
}

/** Latencies counted elsewhere (a load generator's histogram) instead of one number per sample. */
export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface LatencySamples {
  /** Empty when `summary` is given. */
  readonly delaysMs: readonly number[];
  /** Printed instead of what `delaysMs` would give, when the samples were counted elsewhere. */
  readonly summary?: LatencySummary;
  /** Samples that never showed the change within the subject's limit. */
  readonly timeouts: number;
  /** Anything a reader needs to read the numbers right (e.g. whether a change feed was used). */
  readonly note?: string;
}

export interface LatencyScenario extends ScenarioBase {
  readonly kind: 'latency';
  readonly samples: number;
  readonly quickSamples: number;
  readonly subjects: readonly LatencySubject[];
}

export type Scenario = ThroughputScenario | MemoryScenario | LatencyScenario;

/** Identity helper that gives a scenario file its type checks. */
export function defineScenario<S extends Scenario>(scenario: S): S {
  return scenario;
}
