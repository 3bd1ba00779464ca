import { describe, expect, it } from '@jest/globals';
import type { ThroughputResult } from '../src/measure-throughput.js';
import type { ThroughputScenario } from '../src/scenario.js';
import { evaluateTarget } from '../src/targets.js';

const scenario: ThroughputScenario = {
  kind: 'throughput',
  id: 'hash',
  title: 'hash',
  description: '',
  order: 1,
  baseline: 'unleash',
  checkAnswers: () => undefined,
  subjects: [],
};

function ok(best: number): ThroughputResult {
  return { status: 'ok', best, median: best, iterations: 1 };
}

describe('evaluateTarget', () => {
  it('compares with the baseline by ratio', () => {
    const results = new Map([
      ['flipper-async', ok(500_000)],
      ['unleash', ok(200_000)],
    ]);
    const met = evaluateTarget(scenario, { subject: 'flipper-async', atLeastTimesBaseline: 2 }, results);
    expect(met).toMatchObject({ met: true, text: 'flipper-async ≥ 2.00× unleash: met (2.50×)' });
    const missed = evaluateTarget(scenario, { subject: 'flipper-async', atLeastTimesBaseline: 3 }, results);
    expect(missed.met).toBe(false);
  });

  it('judges a ratio by the medians when asked, and prints the best ratio beside it', () => {
    const results = new Map<string, ThroughputResult>([
      ['flipper-async', { status: 'ok', best: 600_000, median: 450_000, iterations: 1 }],
      ['unleash', { status: 'ok', best: 200_000, median: 200_000, iterations: 1 }],
    ]);
    const byMedian = evaluateTarget(scenario, { subject: 'flipper-async', atLeastTimesBaseline: 2.5, by: 'median' }, results);
    expect(byMedian).toEqual({
      scenario: 'hash',
      met: false,
      text: 'flipper-async ≥ 2.50× unleash (median of rounds): NOT met (median 2.25×, best 3.00×)',
    });
    expect(evaluateTarget(scenario, { subject: 'flipper-async', atLeastTimesBaseline: 2.5 }, results).met).toBe(true);
  });

  it('takes the ratio against another row than the baseline when the target names one', () => {
    const results = new Map([
      ['sync-on', ok(960_000)],
      ['sync-off', ok(1_000_000)],
      ['unleash', ok(100_000)],
    ]);
    const target = { subject: 'sync-on', atLeastTimesBaseline: 0.95, of: 'sync-off' };
    expect(evaluateTarget(scenario, target, results)).toMatchObject({ met: true, text: 'sync-on ≥ 0.95× sync-off: met (0.96×)' });
    expect(evaluateTarget(scenario, { ...target, atLeastTimesBaseline: 0.97 }, results).met).toBe(false);
  });

  it('compares with an absolute rate, and says when a number is missing', () => {
    const results = new Map<string, ThroughputResult>([
      ['flipper-async', ok(5e6)],
      ['unleash', { status: 'error', message: 'boom' }],
    ]);
    expect(evaluateTarget(scenario, { subject: 'flipper-async', atLeastOpsPerSecond: 7.5e6 }, results)).toMatchObject({
      met: false,
      text: 'flipper-async ≥ 7.50 M/s: NOT met (5.00 M/s)',
    });
    expect(evaluateTarget(scenario, { subject: 'flipper-async', atLeastTimesBaseline: 1 }, results).met).toBeUndefined();
  });
});
