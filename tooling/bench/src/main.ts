import { parseCliOptions, USAGE, type CliOptions } from './cli-options.js';
import { describeMachine, machineLines } from './machine.js';
import { measureMemory } from './measure-memory.js';
import { measureThroughput } from './measure-throughput.js';
import { NetworkGuard } from './network-guard.js';
import { loadScenarios, type LoadedScenario } from './registry.js';
import { latencyBlock, memoryBlock, scenarioHeader, throughputBlock, type LatencyResult } from './report.js';
import { createRunContext, type OwnedRunContext } from './run-context.js';
import type { RowLabel } from './scenario.js';
import { createSelection, type Selection } from './selection.js';
import { FULL_SETTINGS, QUICK_SETTINGS, type ThroughputSettings } from './settings.js';
import { evaluateTarget, type TargetOutcome } from './targets.js';

function print(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Progress goes to a terminal only, on one overwritten line; logs and pipes get the report alone. */
function progress(line: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K  … ${line}`);
}

function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}

interface ScenarioOutcome {
  readonly skipped?: boolean;
  readonly errors: number;
  readonly targets: readonly TargetOutcome[];
}

async function runScenario(
  loaded: LoadedScenario,
  options: CliOptions,
  selection: Selection,
  settings: ThroughputSettings,
  context: OwnedRunContext,
  guard: NetworkGuard,
): Promise<ScenarioOutcome | undefined> {
  const { scenario } = loaded;
  if (selection.rows<RowLabel>(scenario, scenario.subjects) === undefined) return undefined;
  print(scenarioHeader(scenario));
  const missing = (scenario.requires ?? []).filter((name) => context.findPackage(name) === undefined);
  if (missing.length > 0) {
    print([`   skipped: needs ${missing.join(' and ')}, not in the workspace yet (it runs once it is)`]);
    return { skipped: true, errors: 0, targets: [] };
  }
  switch (scenario.kind) {
    case 'throughput': {
      const subjects = selection.rows(scenario, scenario.subjects) ?? [];
      // In-process scenarios must not touch the network; the Redis ones talk to loopback.
      const inProcessGuard = scenario.requires === undefined ? guard : undefined;
      const results = await measureThroughput(scenario, subjects, context, settings, inProcessGuard, progress);
      const targets = (scenario.targets ?? [])
        .filter((target) => subjects.some((subject) => subject.id === target.subject))
        .map((target) => evaluateTarget(scenario, target, results));
      clearProgress();
      print(throughputBlock(scenario, subjects, results, targets));
      return { errors: [...results.values()].filter((result) => result.status === 'error').length, targets };
    }
    case 'memory': {
      const subjects = selection.rows(scenario, scenario.subjects) ?? [];
      const results = await measureMemory(scenario, subjects, loaded.moduleUrl, options.quick, progress);
      clearProgress();
      print(memoryBlock(scenario, subjects, results));
      return { errors: [...results.values()].filter((result) => result.status === 'error').length, targets: [] };
    }
    case 'latency': {
      const subjects = (selection.rows(scenario, scenario.subjects) ?? []).filter((subject) => !(options.quick && subject.quick === false));
      const results = new Map<string, LatencyResult>();
      for (const subject of subjects) {
        progress(`${scenario.id}: ${subject.id}`);
        try {
          const samples = await subject.measure(context, options.quick ? scenario.quickSamples : scenario.samples);
          results.set(subject.id, { status: 'ok', samples });
        } catch (error) {
          results.set(subject.id, { status: 'error', message: error instanceof Error ? error.message : String(error) });
        }
      }
      clearProgress();
      print(latencyBlock(scenario, subjects, results));
      return { errors: [...results.values()].filter((result) => result.status === 'error').length, targets: [] };
    }
  }
}

async function main(): Promise<number> {
  const options = parseCliOptions(process.argv.slice(2));
  if (options.help) {
    print([USAGE]);
    return 0;
  }
  const started = Date.now();
  const settings = options.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  print([
    `flipper benchmark · ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${options.quick ? ' · --quick' : ''}${options.filter === undefined ? '' : ` · --filter ${options.filter}`}`,
    ...machineLines(describeMachine()),
    `throughput: warm-up ${settings.warmupMs} ms, best of ${settings.rounds} rounds of ~${settings.roundMs} ms, rounds interleaved across rows${hasGc ? ', GC before each round' : ' (run with --expose-gc to collect before each round)'}`,
  ]);

  const { scenarios, broken } = await loadScenarios();
  let errors = broken.length;
  for (const file of broken) print([`! scenario file ${file.file} not loaded: ${file.problem}`]);

  const selection = createSelection(options.filter, scenarios.map((loaded) => loaded.scenario));
  const context = createRunContext({ quick: options.quick });
  const guard = new NetworkGuard();
  const targets: TargetOutcome[] = [];
  let ran = 0;
  try {
    for (const loaded of scenarios) {
      try {
        const scenarioStart = Date.now();
        const outcome = await runScenario(loaded, options, selection, settings, context, guard);
        if (outcome === undefined) continue;
        if (outcome.skipped !== true) print([`   (${((Date.now() - scenarioStart) / 1000).toFixed(1)} s)`]);
        ran++;
        errors += outcome.errors;
        targets.push(...outcome.targets);
      } catch (error) {
        clearProgress();
        errors++;
        print([`  ! ${loaded.scenario.id} failed: ${error instanceof Error ? error.message : String(error)}`]);
      }
    }
  } finally {
    await context.cleanup();
    guard.dispose();
  }

  if (ran === 0) print(['', `no scenario matches --filter ${options.filter ?? ''}`]);
  if (targets.length > 0) {
    print(['', '== targets of issue 8 (informative; the run never fails on a number)', ...targets.map((t) => `  ${t.met === true ? 'met    ' : t.met === false ? 'NOT met' : 'n/a    '}  [${t.scenario}] ${t.text}`)]);
  }
  print(['', `done in ${Math.round((Date.now() - started) / 1000)} s${errors > 0 ? ` · ${errors} error(s) above` : ''}`]);
  return errors > 0 ? 1 : 0;
}

main().then(
  // Peer SDKs may keep timers alive after close(); the report is complete, so exit now.
  (code) => process.exit(code),
  (error: unknown) => {
    clearProgress();
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
