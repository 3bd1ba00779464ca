import { describe, expect, it } from '@jest/globals';
import { installLineProblems, installLines } from '../src/install-lines.js';
import { readmePaths } from '../src/readme-blocks.js';

/* The READMEs' `npm install` lines name packages that exist, each with the peers it needs. */
describe("the READMEs' npm install lines", () => {
  const lines = readmePaths().flatMap((readme) => installLines(readme));

  it('are found, the global CLI install among them', () => {
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.map(({ packages }) => packages.join(' '))).toContain('@flipper-client/store-redis ioredis');
  });

  it('name packages that exist, each with the peers it needs', () => {
    expect(installLineProblems(lines)).toEqual([]);
  });

  it('would report a misspelt package and a store without its driver', () => {
    const problems = installLineProblems([
      { readme: 'X.md', line: 1, packages: ['@flipper-client/store-redis'] },
      { readme: 'X.md', line: 2, packages: ['@flipper-client/stor-redis'] },
    ]);
    expect(problems).toEqual([
      'X.md:1: @flipper-client/store-redis needs ioredis, which the line does not install',
      'X.md:2: @flipper-client/stor-redis is neither a package of this repository nor one they depend on',
    ]);
  });
});
