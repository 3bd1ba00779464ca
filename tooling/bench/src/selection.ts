import type { RowLabel, Scenario } from './scenario.js';

function contains(text: string, filter: string): boolean {
  return text.toLowerCase().includes(filter.toLowerCase());
}

export function scenarioMatches(scenario: Scenario, filter: string): boolean {
  return contains(scenario.id, filter) || contains(scenario.title, filter);
}

/**
 * What `--filter` selects. When it names one or more scenarios (id or title), those scenarios
 * run whole and nothing else; otherwise it selects rows in every scenario by row id or library,
 * each with its scenario's baseline (a ratio needs it).
 */
export interface Selection {
  /** The rows of `scenario` to run, or undefined when the scenario is not selected. */
  rows<R extends RowLabel>(scenario: Scenario, rows: readonly R[]): R[] | undefined;
}

export function createSelection(filter: string | undefined, scenarios: readonly Scenario[]): Selection {
  if (filter === undefined) return { rows: (_scenario, rows) => [...rows] };
  if (scenarios.some((scenario) => scenarioMatches(scenario, filter))) {
    return { rows: (scenario, rows) => (scenarioMatches(scenario, filter) ? [...rows] : undefined) };
  }
  return {
    rows(scenario, rows) {
      const named = rows.filter((row) => contains(row.id, filter) || contains(row.library, filter));
      if (named.length === 0) return undefined;
      const baseline = 'baseline' in scenario ? scenario.baseline : undefined;
      return rows.filter((row) => named.includes(row) || row.id === baseline);
    },
  };
}
