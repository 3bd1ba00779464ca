import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './scenario.js';

/**
 * The scenario registry is the `scenarios/` folder: every module in it default-exports one
 * scenario (see `defineScenario`). Adding a scenario is dropping a file there; nothing else
 * lists them.
 */

export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The module's URL, for child processes that load the same scenario (memory). */
  readonly moduleUrl: string;
}

export interface BrokenScenarioFile {
  readonly file: string;
  readonly problem: string;
}

export const SCENARIO_DIRECTORY = new URL('./scenarios/', import.meta.url);

const KINDS = new Set(['throughput', 'memory', 'latency']);

/** What is wrong with a module's default export, or undefined when it is a scenario. */
export function scenarioShapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'its default export is not a scenario object';
  const candidate = value as Partial<Record<keyof Scenario, unknown>>;
  if (!KINDS.has(candidate.kind as string)) return `unknown kind ${JSON.stringify(candidate.kind)}`;
  if (typeof candidate.id !== 'string' || !/^[a-z0-9-]+$/.test(candidate.id)) return 'id must be kebab-case';
  if (typeof candidate.title !== 'string') return 'title must be a string';
  if (typeof candidate.order !== 'number') return 'order must be a number';
  if (!Array.isArray(candidate.subjects) || candidate.subjects.length === 0) return 'subjects must be a non-empty array';
  return undefined;
}

function isScenarioModule(file: string): boolean {
  return (file.endsWith('.js') || file.endsWith('.ts')) && !file.endsWith('.d.ts');
}

export async function loadScenarios(
  directory: URL = SCENARIO_DIRECTORY,
): Promise<{ scenarios: LoadedScenario[]; broken: BrokenScenarioFile[] }> {
  const scenarios: LoadedScenario[] = [];
  const broken: BrokenScenarioFile[] = [];
  const files = readdirSync(fileURLToPath(directory)).filter(isScenarioModule).sort();
  for (const file of files) {
    const moduleUrl = new URL(file, directory).href;
    try {
      const module = (await import(moduleUrl)) as { default?: unknown };
      const problem = scenarioShapeProblem(module.default);
      if (problem !== undefined) {
        broken.push({ file, problem });
        continue;
      }
      const scenario = module.default as Scenario;
      const clash = scenarios.find((loaded) => loaded.scenario.id === scenario.id);
      if (clash !== undefined) {
        broken.push({ file, problem: `scenario id ${scenario.id} is already used` });
        continue;
      }
      scenarios.push({ scenario, moduleUrl });
    } catch (error) {
      broken.push({ file, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  scenarios.sort((a, b) => a.scenario.order - b.scenario.order);
  return { scenarios, broken };
}
