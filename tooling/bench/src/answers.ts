/** Answer checks for `checkAnswers`: what a faithful subject must return. */

export function expectAll(trueCount: number, iterations: number): string | undefined {
  return trueCount === iterations ? undefined : `${iterations - trueCount} of ${iterations} calls answered false, all should be true`;
}

export function expectNone(trueCount: number, iterations: number): string | undefined {
  return trueCount === 0 ? undefined : `${trueCount} of ${iterations} calls answered true, all should be false`;
}

/** Below this many calls a share is not checked: sampling noise would make it flaky. */
const MIN_CALLS_FOR_SHARE = 10_000;

/** The share of `true` answers must lie within [low, high] (checked on large enough runs). */
export function expectShare(low: number, high: number): (trueCount: number, iterations: number) => string | undefined {
  return (trueCount, iterations) => {
    if (iterations < MIN_CALLS_FOR_SHARE) return undefined;
    const share = trueCount / iterations;
    return share >= low && share <= high
      ? undefined
      : `${(share * 100).toFixed(1)}% of calls answered true, expected ${low * 100}-${high * 100}%`;
  };
}
