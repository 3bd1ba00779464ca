import type { LedgerEntry } from '../ledger.js';

/** An `isEnabled` call a worker repeats, and the answer the stored flag gives (never the default). */
export interface EvaluationProbe {
  readonly flag: string;
  readonly default: boolean;
  readonly expected: boolean;
}

/** Evaluates in a loop and appends unique writes to one flag, for a fixed time (see `evaluate-and-write.ts`). */
export interface EvaluateAndWriteTask {
  readonly name: 'evaluate-and-write';
  readonly durationMs: number;
  readonly probes: readonly EvaluationProbe[];
  /** Concurrent evaluation loops in the worker. */
  readonly evaluators: number;
  readonly ledgerFlag: string;
  /** Pause between one write settling and the next starting. */
  readonly writeIntervalMs: number;
}

/** `rounds` × (setClientData with a new key, addCondition on a new variable) on one flag. */
export interface RaceTask {
  readonly name: 'race';
  readonly flag: string;
  readonly rounds: number;
}

/** Mixed load for a fixed time: evaluations, ledger writes, flag churn, listings (see `soak.ts`). */
export interface SoakTask {
  readonly name: 'soak';
  readonly durationMs: number;
  /** Flags `SOAK_<n>` the evaluations pick from (created by the test beforehand). */
  readonly flagCount: number;
  /** A worker's ledger moves to a new flag after this many writes, so documents stay small. */
  readonly writesPerLedgerFlag: number;
  /** Memory is sampled this often (after a GC when the worker runs with --expose-gc). */
  readonly sampleEveryMs: number;
  /** Samples taken before this time are the warm-up; the baseline is the first after it. */
  readonly warmUpMs: number;
}

/** Checks the harness itself: answers with the worker's pid, optionally misbehaving first. */
export interface ProbeTask {
  readonly name: 'probe';
  /** Leaves a rejected promise unhandled, which the worker must report. */
  readonly leaveRejectionUnhandled?: boolean;
}

export type TaskSpec = EvaluateAndWriteTask | RaceTask | SoakTask | ProbeTask;

export interface EvaluationStats {
  readonly total: number;
  /** Answers that were the stored flag's (`expected`). */
  readonly storeAnswers: number;
  /** Answers that were the caller's default. */
  readonly defaultAnswers: number;
  /** `error` events the client emitted (each default answer comes with one). */
  readonly errorEvents: number;
  /** Whether every error event carried a FlipperError naming the flag. */
  readonly errorEventsTyped: boolean;
  readonly maxLatencyMs: number;
  /** Wall-clock times (epoch ms) of the first and last default answer, if any. */
  readonly firstDefaultAt: number | undefined;
  readonly lastDefaultAt: number | undefined;
  /** Wall-clock time of the last answer that came from the store. */
  readonly lastStoreAnswerAt: number | undefined;
}

export interface EvaluateAndWriteResult {
  readonly evaluations: EvaluationStats;
  readonly writes: readonly LedgerEntry[];
}

export interface RaceResult {
  readonly writes: readonly LedgerEntry[];
}

export interface MemorySample {
  readonly atMs: number;
  readonly heapUsed: number;
  readonly rss: number;
}

export interface SoakResult {
  readonly operations: Readonly<Record<'evaluations' | 'writes' | 'creates' | 'deletes' | 'lists' | 'failures', number>>;
  readonly writes: readonly LedgerEntry[];
  readonly ledgerFlags: readonly string[];
  readonly memory: readonly MemorySample[];
  readonly gcAvailable: boolean;
}

export interface ProbeResult {
  readonly pid: number;
  readonly storeName: string;
}

export interface TaskResults {
  probe: ProbeResult;
  'evaluate-and-write': EvaluateAndWriteResult;
  race: RaceResult;
  soak: SoakResult;
}

export type ResultOf<T extends TaskSpec> = TaskResults[T['name']];
