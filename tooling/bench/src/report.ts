import { formatBytes, formatMs, formatRate, formatRatio, renderTable, type Column } from './format.js';
import type { MemoryResult } from './measure-memory.js';
import type { ThroughputResult } from './measure-throughput.js';
import type {
  LatencySamples,
  LatencyScenario,
  MemoryScenario,
  MemorySubject,
  RowLabel,
  Scenario,
  ThroughputScenario,
  ThroughputSubject,
} from './scenario.js';
import { percentile } from './statistics.js';
import type { TargetOutcome } from './targets.js';

/** The printed report: one block per scenario, written as soon as the scenario ends. */

export function scenarioHeader(scenario: Scenario): string[] {
  return ['', `== ${scenario.title} [${scenario.id}]`, `   ${scenario.description}`];
}

const left = (header: string): Column => ({ header, align: 'left' });
const right = (header: string): Column => ({ header, align: 'right' });

const THROUGHPUT_COLUMNS = [
  left('library'),
  left('call'),
  left('mode'),
  right('best'),
  right('median'),
  left('ratio'),
  left('median ratio'),
];
const MEMORY_COLUMNS = [left('library'), left('flags as'), right('flags'), right('heap/flag'), left('ratio')];
const LATENCY_COLUMNS = [left('library'), left('path'), right('samples'), right('p50'), right('p95'), right('max'), right('timeouts')];

type Failed = { readonly status: 'error'; readonly message: string };

/**
 * One row per subject: `row` prints a result that did not fail. A failed or missing result
 * prints `error` in the fourth column and its message under the table, where a long message
 * does not widen every row.
 */
function subjectRows<S extends RowLabel & { readonly mode?: string }, R extends Failed | { readonly status: 'ok' | 'n/a' }>(
  subjects: readonly S[],
  results: ReadonlyMap<string, R>,
  row: (subject: S, result: Exclude<R, Failed>) => string[],
): { rows: string[][]; errorLines: string[] } {
  const rows: string[][] = [];
  const errorLines: string[] = [];
  for (const subject of subjects) {
    const result = results.get(subject.id);
    if (result === undefined || result.status === 'error') {
      rows.push([subject.library, subject.call, subject.mode ?? '', 'error']);
      errorLines.push(`  ! ${subject.id}: ${result?.message ?? 'not run'}`);
    } else {
      // The check above excludes Failed; TypeScript does not narrow a type parameter by it.
      rows.push(row(subject, result as Exclude<R, Failed>));
    }
  }
  return { rows, errorLines };
}

/** What ratios divide by: the baseline's number, NaN when it did not run (its ratios print —). */
function baselineOf<R extends { readonly status: string }>(
  scenario: { readonly baseline: string; readonly subjects: readonly RowLabel[] },
  results: ReadonlyMap<string, R>,
  value: (result: Extract<R, { status: 'ok' }>) => number,
): { readonly name: string; readonly value: number; ratioCell(subjectId: string, ratio: number): string } {
  const result = results.get(scenario.baseline);
  const subject = scenario.subjects.find((candidate) => candidate.id === scenario.baseline);
  return {
    name: subject?.library ?? scenario.baseline,
    value: result?.status === 'ok' ? value(result as Extract<R, { status: 'ok' }>) : Number.NaN,
    ratioCell: (subjectId, ratio) => formatRatio(ratio) + (subjectId === scenario.baseline ? ' (baseline)' : ''),
  };
}

/** How far each flipper row is from the scenario's floor row, by medians (1.00× = at the floor). */
function floorLines(
  scenario: ThroughputScenario,
  subjects: readonly ThroughputSubject[],
  results: ReadonlyMap<string, ThroughputResult>,
): string[] {
  const floor = scenario.floor === undefined ? undefined : results.get(scenario.floor);
  if (floor?.status !== 'ok') return [];
  const distances = subjects
    .filter((subject) => subject.id !== scenario.floor && subject.id.startsWith('flipper'))
    .flatMap((subject) => {
      const result = results.get(subject.id);
      return result?.status === 'ok' ? [`${subject.id} ${formatRatio(floor.median / result.median)} slower`] : [];
    });
  return distances.length === 0 ? [] : [`  floor (median ÷ median): ${distances.join(', ')} than the floor row`];
}

export function throughputBlock(
  scenario: ThroughputScenario,
  subjects: readonly ThroughputSubject[],
  results: ReadonlyMap<string, ThroughputResult>,
  targets: readonly TargetOutcome[],
): string[] {
  const baseline = baselineOf(scenario, results, (result) => result.best);
  const baselineMedian = baselineOf(scenario, results, (result) => result.median).value;
  const { rows, errorLines } = subjectRows(subjects, results, (subject, result) =>
    result.status === 'ok'
      ? [
          subject.library,
          subject.call,
          subject.mode,
          formatRate(result.best),
          formatRate(result.median),
          baseline.ratioCell(subject.id, result.best / baseline.value),
          formatRatio(result.median / baselineMedian),
        ]
      : [subject.library, `n/a: ${result.message}`, subject.mode],
  );
  for (const row of scenario.notApplicable ?? []) rows.push([row.library, `n/a: ${row.reason}`]);
  for (const row of scenario.references ?? []) {
    rows.push([row.library, row.label, '', formatRate(row.opsPerSecond), '', formatRatio(row.opsPerSecond / baseline.value)]);
  }
  return [
    `   ratio = best ÷ baseline's best, median ratio = median ÷ baseline's median (${baseline.name}); higher is better`,
    ...renderTable(THROUGHPUT_COLUMNS, rows),
    ...errorLines,
    ...floorLines(scenario, subjects, results),
    ...targets.map((target) => `  target: ${target.text}`),
  ];
}

export function memoryBlock(
  scenario: MemoryScenario,
  subjects: readonly MemorySubject[],
  results: ReadonlyMap<string, MemoryResult>,
): string[] {
  const baseline = baselineOf(scenario, results, (result) => result.bytesPerFlag);
  const { rows, errorLines } = subjectRows(subjects, results, (subject, result) => [
    subject.library,
    subject.call,
    result.flagCount.toLocaleString('en-US'),
    formatBytes(result.bytesPerFlag),
    baseline.ratioCell(subject.id, result.bytesPerFlag / baseline.value),
  ]);
  return [
    `   heap after forced GC, each library in its own child process; ratio = bytes ÷ baseline (${baseline.name}); lower is better`,
    ...renderTable(MEMORY_COLUMNS, rows),
    ...errorLines,
  ];
}

export type LatencyResult = { readonly status: 'ok'; readonly samples: LatencySamples } | Failed;

export function latencyBlock(
  _scenario: LatencyScenario,
  subjects: readonly RowLabel[],
  results: ReadonlyMap<string, LatencyResult>,
): string[] {
  const notes: string[] = [];
  const { rows, errorLines } = subjectRows(subjects, results, (subject, { samples }) => {
    if (samples.note !== undefined) notes.push(`  note (${subject.id}): ${samples.note}`);
    const delays = samples.delaysMs;
    const summary = samples.summary ?? {
      count: delays.length,
      p50Ms: percentile(delays, 0.5),
      p95Ms: percentile(delays, 0.95),
      maxMs: delays.length === 0 ? Number.NaN : Math.max(...delays),
    };
    return [
      subject.library,
      subject.call,
      String(summary.count),
      formatMs(summary.p50Ms),
      formatMs(summary.p95Ms),
      formatMs(summary.maxMs),
      String(samples.timeouts),
    ];
  });
  return [...renderTable(LATENCY_COLUMNS, rows), ...notes, ...errorLines];
}
