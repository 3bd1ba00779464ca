import { describe, expect, it } from '@jest/globals';
import type { MemoryResult } from '../src/measure-memory.js';
import type { ThroughputResult } from '../src/measure-throughput.js';
import { latencyBlock, memoryBlock, throughputBlock, type LatencyResult } from '../src/report.js';
import type { MemoryScenario, ThroughputScenario, ThroughputSubject } from '../src/scenario.js';

const subject = (id: string, mode: 'sync' | 'async'): ThroughputSubject => ({
  id,
  library: `lib-${id}`,
  call: `${id}()`,
  mode,
  setup: () => Promise.reject(new Error('not called')),
});

const subjects = [subject('fast', 'sync'), subject('base', 'async'), subject('absent', 'sync'), subject('broken', 'async'), subject('skipped', 'sync')];

const scenario: ThroughputScenario = {
  kind: 'throughput',
  id: 'demo',
  title: 'demo',
  description: '',
  order: 1,
  baseline: 'base',
  subjects,
  notApplicable: [{ library: 'lib-none', reason: 'cannot say it' }],
  references: [{ library: 'python', label: 'quoted', opsPerSecond: 500_000 }],
  checkAnswers: () => undefined,
};

/** The cells of the table row whose first cell is `library`, split on the two-space gutter. */
function cells(lines: readonly string[], library: string): string[] {
  const line = lines.find((candidate) => candidate.trimStart().startsWith(`${library} `));
  if (line === undefined) throw new Error(`no row for ${library}`);
  return line.trim().split(/ {2,}/);
}

describe('report', () => {
  const results = new Map<string, ThroughputResult>([
    ['fast', { status: 'ok', best: 4_000_000, median: 3_000_000, iterations: 1 }],
    ['base', { status: 'ok', best: 1_000_000, median: 800_000, iterations: 1 }],
    ['absent', { status: 'n/a', message: 'needs a local copy' }],
    ['broken', { status: 'error', message: 'wrong answers' }],
  ]);
  const lines = throughputBlock(scenario, subjects, results, [{ scenario: 'demo', text: 'fast ≥ 2×', met: true }]);

  it('prints each throughput row with its ratio to the baseline, which is tagged', () => {
    expect(lines[0]).toBe("   ratio = best ÷ baseline's best, median ratio = median ÷ baseline's median (lib-base); higher is better");
    expect(cells(lines, 'lib-fast')).toEqual(['lib-fast', 'fast()', 'sync', '4.00 M/s', '3.00 M/s', '4.00×', '3.75×']);
    expect(cells(lines, 'lib-base')).toEqual(['lib-base', 'base()', 'async', '1.00 M/s', '800.0 k/s', '1.00× (baseline)', '1.00×']);
    expect(cells(lines, 'python')).toEqual(['python', 'quoted', '500.0 k/s', '0.50×']);
  });

  it('prints n/a reasons in the call column, and failures as error with the message under the table', () => {
    expect(cells(lines, 'lib-absent')).toEqual(['lib-absent', 'n/a: needs a local copy', 'sync']);
    expect(cells(lines, 'lib-none')).toEqual(['lib-none', 'n/a: cannot say it']);
    expect(cells(lines, 'lib-broken')).toEqual(['lib-broken', 'broken()', 'async', 'error']);
    expect(cells(lines, 'lib-skipped')).toEqual(['lib-skipped', 'skipped()', 'sync', 'error']);
    expect(lines.slice(-3)).toEqual(['  ! broken: wrong answers', '  ! skipped: not run', '  target: fast ≥ 2×']);
  });

  it('prints no ratio when the baseline did not run', () => {
    const withoutBaseline = new Map([...results].filter(([id]) => id !== 'base'));
    expect(cells(throughputBlock(scenario, subjects, withoutBaseline, []), 'lib-fast').slice(-2)).toEqual(['—', '—']);
  });

  it("says how far each flipper row is from the scenario's floor row, by medians", () => {
    const floorSubjects = [subject('flipper-sync', 'sync'), subject('flipper-async', 'async'), subject('base', 'sync'), subject('floor', 'sync')];
    const withFloor: ThroughputScenario = { ...scenario, subjects: floorSubjects, floor: 'floor' };
    const block = throughputBlock(
      withFloor,
      floorSubjects,
      new Map<string, ThroughputResult>([
        ['flipper-sync', { status: 'ok', best: 1_200_000, median: 1_000_000, iterations: 1 }],
        ['flipper-async', { status: 'error', message: 'boom' }],
        ['base', { status: 'ok', best: 400_000, median: 400_000, iterations: 1 }],
        ['floor', { status: 'ok', best: 2_600_000, median: 2_500_000, iterations: 1 }],
      ]),
      [],
    );
    expect(block).toContain('  floor (median ÷ median): flipper-sync 2.50× slower than the floor row');
    expect(throughputBlock(scenario, subjects, results, []).some((line) => line.includes('floor'))).toBe(false);
  });

  it('prints memory rows against the baseline and latency rows with their notes before the errors', () => {
    const memoryScenario: MemoryScenario = {
      kind: 'memory',
      id: 'memory',
      title: 'memory',
      description: '',
      order: 2,
      baseline: 'small',
      flagCount: 10,
      quickFlagCount: 10,
      subjects: [
        { id: 'small', library: 'lib-small', call: 'small', populate: () => Promise.resolve() },
        { id: 'large', library: 'lib-large', call: 'large', populate: () => Promise.resolve() },
      ],
    };
    const memory = memoryBlock(
      memoryScenario,
      memoryScenario.subjects,
      new Map<string, MemoryResult>([
        ['small', { status: 'ok', bytesPerFlag: 100, flagCount: 20_000 }],
        ['large', { status: 'ok', bytesPerFlag: 250, flagCount: 20_000 }],
      ]),
    );
    expect(cells(memory, 'lib-large')).toEqual(['lib-large', 'large', '20,000', '250 B', '2.50×']);
    expect(cells(memory, 'lib-small').at(-1)).toBe('1.00× (baseline)');

    const latency = latencyBlock(
      { kind: 'latency', id: 'latency', title: '', description: '', order: 3, samples: 1, quickSamples: 1, subjects: [] },
      [
        { id: 'seen', library: 'lib-seen', call: 'write → read' },
        { id: 'lost', library: 'lib-lost', call: 'write → read' },
        { id: 'counted', library: 'lib-counted', call: 'wrk' },
      ],
      new Map<string, LatencyResult>([
        ['seen', { status: 'ok', samples: { delaysMs: [1, 3, 2], timeouts: 1, note: 'feed on' } }],
        ['counted', { status: 'ok', samples: { delaysMs: [], timeouts: 0, summary: { count: 52_000, p50Ms: 0.25, p95Ms: 1.5, maxMs: 9 } } }],
        ['lost', { status: 'error', message: 'reader died' }],
      ]),
    );
    expect(cells(latency, 'lib-seen')).toEqual(['lib-seen', 'write → read', '3', '2.00 ms', '2.90 ms', '3.00 ms', '1']);
    // Counted by a load generator: its summary is printed, not what the (empty) samples would give.
    expect(cells(latency, 'lib-counted').slice(2, 6)).toEqual(['52000', '0.25 ms', '1.50 ms', '9.00 ms']);
    expect(latency.slice(-2)).toEqual(['  note (seen): feed on', '  ! lost: reader died']);
  });
});
