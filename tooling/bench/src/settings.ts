/** How long and how often each throughput subject runs. */
export interface ThroughputSettings {
  /** Time spent running a subject (and growing its batch) before the first measured round. */
  readonly warmupMs: number;
  /** Target length of one measured round. */
  readonly roundMs: number;
  /** Measured rounds per subject; the best is reported, the median beside it. */
  readonly rounds: number;
  /** Calls made once before warm-up to check the subject's answers. */
  readonly checkIterations: number;
}

export const FULL_SETTINGS: ThroughputSettings = { warmupMs: 400, roundMs: 250, rounds: 5, checkIterations: 20_000 };

export const QUICK_SETTINGS: ThroughputSettings = { warmupMs: 80, roundMs: 60, rounds: 3, checkIterations: 10_000 };
