import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadScenarios, scenarioShapeProblem } from '../src/registry.js';

const scenarioText = (id: string, order: number): string =>
  `export default { kind: 'throughput', id: '${id}', title: '${id}', description: '', order: ${order}, baseline: 'a', checkAnswers: () => undefined, subjects: [{ id: 'a' }] };\n`;

describe('scenario registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scenarios-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'b-second.js'), scenarioText('second', 20));
  writeFileSync(join(dir, 'a-first.js'), scenarioText('first', 10));
  writeFileSync(join(dir, 'c-same-id.js'), scenarioText('first', 30));
  writeFileSync(join(dir, 'd-no-kind.js'), "export default { id: 'x' };\n");
  writeFileSync(join(dir, 'e-throws.js'), "throw new Error('cannot load');\n");
  writeFileSync(join(dir, 'notes.txt'), 'not a module');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads every module of the folder in order, and reports the broken ones instead of stopping', async () => {
    const { scenarios, broken } = await loadScenarios(pathToFileURL(`${dir}/`));
    expect(scenarios.map((loaded) => loaded.scenario.id)).toEqual(['first', 'second']);
    expect(scenarios[0]!.moduleUrl).toBe(pathToFileURL(join(dir, 'a-first.js')).href);
    expect(broken).toEqual([
      { file: 'c-same-id.js', problem: 'scenario id first is already used' },
      { file: 'd-no-kind.js', problem: 'unknown kind undefined' },
      { file: 'e-throws.js', problem: 'cannot load' },
    ]);
  });

  it('names what is wrong with a scenario object', () => {
    expect(scenarioShapeProblem(null)).toMatch(/not a scenario/);
    expect(scenarioShapeProblem({ kind: 'memory', id: 'Not Kebab', title: '', order: 1, subjects: [{}] })).toBe('id must be kebab-case');
    expect(scenarioShapeProblem({ kind: 'memory', id: 'ok', title: 't', order: 1, subjects: [] })).toBe('subjects must be a non-empty array');
  });

  it("loads the bench's own scenario folder without a broken file", async () => {
    const { scenarios, broken } = await loadScenarios(new URL('../src/scenarios/', import.meta.url));
    expect(broken).toEqual([]);
    expect(scenarios.map((loaded) => loaded.scenario.id)).toEqual([
      'plain',
      'usage-counting-plain',
      'missing',
      'two-conditions',
      'consistent-hash',
      'hash-uuid',
      'hash-email',
      'usage-counting-hash',
      'hash-two-keys',
      'hash-wide-checks',
      'hash-some-missing',
      'linear-ramp',
      'memory',
      'cached-hit',
      'redis-uncached',
      'redis-uncached-flags',
      'redis-write-history',
      'thrift-uncached',
      'cross-process',
      'consul-propagation',
      'file-propagation',
      'cli-copy',
      'file-store-reads',
      'admin-list',
      'ofrep-http',
      'scale',
    ]);
  });
});
