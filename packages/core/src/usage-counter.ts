import type { FlagUsageDelta } from './usage.js';

/** One flag's counts in this process; mutated in place so that counting allocates nothing. */
class FlagCounter {
  on = 0;
  off = 0;
  default = 0;
}

/**
 * Distinct flag names counted between two flushes. Names come from application code, but a
 * name built from request input could otherwise grow the map without bound; past this, new
 * names go uncounted until the next flush.
 */
export const MAX_COUNTED_FLAGS = 10_000;

/**
 * The in-process tally on the evaluation hot path: one Map lookup and one increment per call,
 * no allocation except the first time a flag is seen in an interval. `take` hands the counts
 * since the previous `take` to the flusher and starts over.
 */
export class UsageCounter {
  private readonly counters = new Map<string, FlagCounter>();

  /** Counts an answer the flag gave; returns it, so that a caller can count as it returns. */
  answered(featureName: string, answer: boolean): boolean {
    const counter = this.counters.get(featureName) ?? this.added(featureName);
    if (answer) counter.on++;
    else counter.off++;
    return answer;
  }

  /** Counts an answer that is the caller's default (missing flag, failing store); returns it. */
  defaulted(featureName: string, answer: boolean): boolean {
    (this.counters.get(featureName) ?? this.added(featureName)).default++;
    return answer;
  }

  /**
   * The counts since the previous call, each flag with at least one evaluation. Counters are
   * zeroed in place for the flags still in use and removed for those idle a whole interval.
   */
  take(): FlagUsageDelta[] {
    const deltas: FlagUsageDelta[] = [];
    for (const [featureName, counter] of this.counters) {
      if (counter.on === 0 && counter.off === 0 && counter.default === 0) {
        this.counters.delete(featureName);
        continue;
      }
      deltas.push({ featureName, on: counter.on, off: counter.off, default: counter.default });
      counter.on = 0;
      counter.off = 0;
      counter.default = 0;
    }
    return deltas;
  }

  private added(featureName: string): FlagCounter {
    const counter = new FlagCounter();
    // Past the bound a throwaway counter takes the count: the call stays branch-free and cheap.
    if (this.counters.size < MAX_COUNTED_FLAGS) this.counters.set(featureName, counter);
    return counter;
  }
}
