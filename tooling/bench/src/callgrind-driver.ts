/**
 * Runs one throughput row of one scenario for a given number of calls and exits: the program
 * `callgrind.ts` runs under valgrind to count instructions per call. Usage:
 *   node dist/callgrind-driver.js <scenario-id> <row-id> <calls>
 */
import { SCENARIO_DIRECTORY, scenarioShapeProblem } from './registry.js';
import { createRunContext } from './run-context.js';
import type { Scenario } from './scenario.js';

async function drive(scenarioId: string, rowId: string, calls: number): Promise<void> {
  // Only the scenario's own file (named as its id): loading every scenario would cost more
  // instructions than the calls counted.
  const module = (await import(new URL(`${scenarioId}.js`, SCENARIO_DIRECTORY).href)) as { default?: unknown };
  if (scenarioShapeProblem(module.default) !== undefined) throw new Error(`no scenario in ${scenarioId}.js`);
  const scenario = module.default as Scenario;
  if (scenario.kind !== 'throughput' || scenario.id !== scenarioId) throw new Error(`no throughput scenario ${scenarioId}`);
  const subject = scenario.subjects.find((candidate) => candidate.id === rowId);
  if (subject === undefined) throw new Error(`no row ${rowId} in ${scenarioId}`);
  const context = createRunContext({ quick: true });
  const bench = await subject.setup(context);
  const trueCount = await bench.run(calls);
  await bench.close?.();
  await context.cleanup();
  process.stdout.write(`${trueCount}\n`);
}

const [scenarioId = '', rowId = '', calls = '0'] = process.argv.slice(2);
drive(scenarioId, rowId, Number(calls)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
