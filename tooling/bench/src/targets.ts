import { formatRate, formatRatio } from './format.js';
import type { ThroughputResult } from './measure-throughput.js';
import type { Target, ThroughputScenario } from './scenario.js';

export interface TargetOutcome {
  readonly scenario: string;
  readonly text: string;
  /** undefined when a number it needs was not measured. */
  readonly met: boolean | undefined;
}

function best(results: ReadonlyMap<string, ThroughputResult>, id: string): number | undefined {
  const result = results.get(id);
  return result?.status === 'ok' ? result.best : undefined;
}

function medianOf(results: ReadonlyMap<string, ThroughputResult>, id: string): number | undefined {
  const result = results.get(id);
  return result?.status === 'ok' ? result.median : undefined;
}

/**
 * Checks one of the issue's goals against the best rounds (or, for a ratio with `by: 'median'`,
 * the median rounds, printing the best ratio beside it); informative only.
 */
export function evaluateTarget(
  scenario: ThroughputScenario,
  target: Target,
  results: ReadonlyMap<string, ThroughputResult>,
): TargetOutcome {
  const subject = best(results, target.subject);
  if ('atLeastTimesBaseline' in target) {
    const baselineId = target.of ?? scenario.baseline;
    const goal = `${target.subject} ≥ ${formatRatio(target.atLeastTimesBaseline)} ${baselineId}`;
    const baseline = best(results, baselineId);
    if (subject === undefined || baseline === undefined) {
      return { scenario: scenario.id, text: `${goal}: not measured`, met: undefined };
    }
    const ratio = subject / baseline;
    if (target.by === 'median') {
      const medianRatio = (medianOf(results, target.subject) ?? Number.NaN) / (medianOf(results, baselineId) ?? Number.NaN);
      const met = medianRatio >= target.atLeastTimesBaseline;
      const figures = `median ${formatRatio(medianRatio)}, best ${formatRatio(ratio)}`;
      return { scenario: scenario.id, text: `${goal} (median of rounds): ${met ? 'met' : 'NOT met'} (${figures})`, met };
    }
    const met = ratio >= target.atLeastTimesBaseline;
    return { scenario: scenario.id, text: `${goal}: ${met ? 'met' : 'NOT met'} (${formatRatio(ratio)})`, met };
  }
  const goal = `${target.subject} ≥ ${formatRate(target.atLeastOpsPerSecond)}${target.why === undefined ? '' : ` (${target.why})`}`;
  if (subject === undefined) return { scenario: scenario.id, text: `${goal}: not measured`, met: undefined };
  const met = subject >= target.atLeastOpsPerSecond;
  return { scenario: scenario.id, text: `${goal}: ${met ? 'met' : 'NOT met'} (${formatRate(subject)})`, met };
}
