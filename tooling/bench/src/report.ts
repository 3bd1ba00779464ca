import { formatBytes, formatMs, formatRate, formatRatio, renderTable } from './format.js';
import type { MemoryResult } from './measure-memory.js';
import type { ThroughputResult } from './measure-throughput.js';
import type { LatencySamples, LatencyScenario, MemoryScenario, MemorySubject, Scenario, ThroughputScenario, ThroughputSubject } from './scenario.js';
import { percentile } from './statistics.js';
import type { TargetOutcome } from './targets.js';

/** The printed report: one block per scenario, written as soon as the scenario ends. */

export function scenarioHeader(scenario: Scenario): string[] {
  return ['', `== ${scenario.title} [${scenario.id}]`, `   ${scenario.description}`];
}

function errorLines(errors: readonly [string, string][]): string[] {
  return errors.map(([id, message]) => `  ! ${id}: ${message}`);
}

export function throughputBlock(
  scenario: ThroughputScenario,
  subjects: readonly ThroughputSubject[],
  results: ReadonlyMap<string, ThroughputResult>,
  targets: readonly TargetOutcome[],
): string[] {
  const baselineSubject = scenario.subjects.find((subject) => subject.id === scenario.baseline);
  const baselineResult = results.get(scenario.baseline);
  const baseline = baselineResult?.status === 'ok' ? baselineResult.best : Number.NaN;
  const rows: string[][] = [];
  const errors: [string, string][] = [];
  for (const subject of subjects) {
    const result = results.get(subject.id);
    const tag = subject.id === scenario.baseline ? ' (baseline)' : '';
    if (result?.status === 'ok') {
      rows.push([subject.library, subject.call, subject.mode, formatRate(result.best), formatRate(result.median), formatRatio(result.best / baseline) + tag]);
    } else if (result?.status === 'n/a') {
      rows.push([subject.library, `n/a: ${result.message}`, subject.mode, '', '', '']);
    } else {
      rows.push([subject.library, subject.call, subject.mode, 'error', '', '']);
      errors.push([subject.id, result?.status === 'error' ? result.message : 'not run']);
    }
  }
  for (const row of scenario.notApplicable ?? []) rows.push([row.library, `n/a: ${row.reason}`, '', '', '', '']);
  for (const row of scenario.references ?? []) {
    rows.push([row.library, row.label, '', formatRate(row.opsPerSecond), '', formatRatio(row.opsPerSecond / baseline)]);
  }
  return [
    `   ratio = best ÷ baseline (${baselineSubject?.library ?? scenario.baseline}); higher is better`,
    ...renderTable(
      [
        { header: 'library', align: 'left' },
        { header: 'call', align: 'left' },
        { header: 'mode', align: 'left' },
        { header: 'best', align: 'right' },
        { header: 'median', align: 'right' },
        { header: 'ratio', align: 'left' },
      ],
      rows,
    ),
    ...errorLines(errors),
    ...targets.map((target) => `  target: ${target.text}`),
  ];
}

export function memoryBlock(
  scenario: MemoryScenario,
  subjects: readonly MemorySubject[],
  results: ReadonlyMap<string, MemoryResult>,
): string[] {
  const baselineResult = results.get(scenario.baseline);
  const baseline = baselineResult?.status === 'ok' ? baselineResult.bytesPerFlag : Number.NaN;
  const baselineSubject = scenario.subjects.find((subject) => subject.id === scenario.baseline);
  const rows: string[][] = [];
  const errors: [string, string][] = [];
  for (const subject of subjects) {
    const result = results.get(subject.id);
    const tag = subject.id === scenario.baseline ? ' (baseline)' : '';
    if (result?.status === 'ok') {
      rows.push([subject.library, subject.call, result.flagCount.toLocaleString('en-US'), formatBytes(result.bytesPerFlag), formatRatio(result.bytesPerFlag / baseline) + tag]);
    } else {
      rows.push([subject.library, subject.call, '', 'error', '']);
      errors.push([subject.id, result?.status === 'error' ? result.message : 'not run']);
    }
  }
  return [
    `   heap after forced GC, each library in its own child process; ratio = bytes ÷ baseline (${baselineSubject?.library ?? scenario.baseline}); lower is better`,
    ...renderTable(
      [
        { header: 'library', align: 'left' },
        { header: 'flags as', align: 'left' },
        { header: 'flags', align: 'right' },
        { header: 'heap/flag', align: 'right' },
        { header: 'ratio', align: 'left' },
      ],
      rows,
    ),
    ...errorLines(errors),
  ];
}

export type LatencyResult = { readonly status: 'ok'; readonly samples: LatencySamples } | { readonly status: 'error'; readonly message: string };

export function latencyBlock(
  _scenario: LatencyScenario,
  subjects: readonly { id: string; library: string; call: string }[],
  results: ReadonlyMap<string, LatencyResult>,
): string[] {
  const rows: string[][] = [];
  const errors: [string, string][] = [];
  const notes: string[] = [];
  for (const subject of subjects) {
    const result = results.get(subject.id);
    if (result?.status === 'ok') {
      const delays = result.samples.delaysMs;
      rows.push([
        subject.library,
        subject.call,
        String(delays.length),
        formatMs(percentile(delays, 0.5)),
        formatMs(percentile(delays, 0.95)),
        formatMs(delays.length === 0 ? Number.NaN : Math.max(...delays)),
        String(result.samples.timeouts),
      ]);
      if (result.samples.note !== undefined) notes.push(`  note (${subject.id}): ${result.samples.note}`);
    } else {
      rows.push([subject.library, subject.call, '', 'error', '', '', '']);
      errors.push([subject.id, result?.status === 'error' ? result.message : 'not run']);
    }
  }
  return [
    ...renderTable(
      [
        { header: 'library', align: 'left' },
        { header: 'path', align: 'left' },
        { header: 'samples', align: 'right' },
        { header: 'p50', align: 'right' },
        { header: 'p95', align: 'right' },
        { header: 'max', align: 'right' },
        { header: 'timeouts', align: 'right' },
      ],
      rows,
    ),
    ...notes,
    ...errorLines(errors),
  ];
}
