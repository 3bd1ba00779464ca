/**
 * Runs one throughput row of one scenario, `warm` calls, a full garbage collection, then
 * `calls` calls, and exits: the program `callgrind.ts` runs under valgrind to count instructions
 * per call. The collection in between makes both of its runs reach the measured calls with the
 * same heap, so that an old-generation collection due to setup does not land in one run only.
 * Usage: node --expose-gc dist/callgrind-driver.js <scenario-id> <row-id> <warm> <calls>
 */
import { hashLayerBench, LAYER_ROWS, type LayerRow } from './hash-layers.js';
import { hashShapeOf } from './hash-shapes.js';
import { loadScenarios, SCENARIO_DIRECTORY, scenarioShapeProblem } from './registry.js';
import { createRunContext, type RunContext } from './run-context.js';
import type { Scenario, ThroughputBench, ThroughputScenario } from './scenario.js';

/** The scenario from the file named as its id, when there is one. */
async function scenarioFile(scenarioId: string): Promise<Scenario | undefined> {
  try {
    const module = (await import(new URL(`${scenarioId}.js`, SCENARIO_DIRECTORY).href)) as { default?: unknown };
    if (scenarioShapeProblem(module.default) !== undefined) return undefined;
    const scenario = module.default as Scenario;
    return scenario.id === scenarioId ? scenario : undefined;
  } catch {
    return undefined;
  }
}

const collectGarbage: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** A row of the scenario, or one of the layers of a hash shape (`hash-layers.ts`). */
async function benchOf(scenario: ThroughputScenario, rowId: string, context: RunContext): Promise<ThroughputBench> {
  const shape = hashShapeOf(scenario.id);
  if (shape !== undefined && (LAYER_ROWS as readonly string[]).includes(rowId)) return hashLayerBench(shape, rowId as LayerRow);
  const subject = scenario.subjects.find((candidate) => candidate.id === rowId);
  if (subject === undefined) throw new Error(`no row ${rowId} in ${scenario.id}`);
  return subject.setup(context);
}

async function drive(scenarioId: string, rowId: string, warm: number, calls: number): Promise<void> {
  // Only the scenario's own file (named as its id): loading every scenario would cost more
  // instructions than the calls counted.
  const scenario = (await scenarioFile(scenarioId)) ?? (await loadScenarios()).scenarios.find((loaded) => loaded.scenario.id === scenarioId)?.scenario;
  if (scenario?.kind !== 'throughput') throw new Error(`no throughput scenario ${scenarioId}`);
  const context = createRunContext({ quick: true });
  const bench = await benchOf(scenario, rowId, context);
  await bench.run(warm);
  collectGarbage();
  const trueCount = await bench.run(calls);
  await bench.close?.();
  await context.cleanup();
  process.stdout.write(`${trueCount}\n`);
}

const [scenarioId = '', rowId = '', warm = '0', calls = '0'] = process.argv.slice(2);
drive(scenarioId, rowId, Number(warm), Number(calls)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
