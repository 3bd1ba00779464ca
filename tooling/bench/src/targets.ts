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

/** Checks one of the issue's goals against the best rounds; informative only. */
export function evaluateTarget(
  scenario: ThroughputScenario,
  target: Target,
  results: ReadonlyMap<string, ThroughputResult>,
): TargetOutcome {
  const subject = best(results, target.subject);
  if ('atLeastTimesBaseline' in target) {
    const goal = `${target.subject} ≥ ${formatRatio(target.atLeastTimesBaseline)} ${scenario.baseline}`;
    const baseline = best(results, scenario.baseline);
    if (subject === undefined || baseline === undefined) {
      return { scenario: scenario.id, text: `${goal}: not measured`, met: undefined };
    }
    const ratio = subject / baseline;
    const met = ratio >= target.atLeastTimesBaseline;
    return { scenario: scenario.id, text: `${goal}: ${met ? 'met' : 'NOT met'} (${formatRatio(ratio)})`, met };
  }
  const goal = `${target.subject} ≥ ${formatRate(target.atLeastOpsPerSecond)}${target.why === undefined ? '' : ` (${target.why})`}`;
  if (subject === undefined) return { scenario: scenario.id, text: `${goal}: not measured`, met: undefined };
  const met = subject >= target.atLeastOpsPerSecond;
  return { scenario: scenario.id, text: `${goal}: ${met ? 'met' : 'NOT met'} (${formatRate(subject)})`, met };
}
