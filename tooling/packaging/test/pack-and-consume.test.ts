import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { startRedis } from '@flipper-client/redis-server';
import { README_SETTINGS, TYPESCRIPT_SETTINGS, createConsumerProject } from '../src/consumer-project.js';
import { excerptProblems, readmeBlocks, readmePaths } from '../src/readme-blocks.js';
import { type EntryPoint, entryPoints } from '../src/entry-points.js';
import { publintMessages, typesProblems } from '../src/lint-tarballs.js';
import { packagingDrift, rootLicense } from '../src/packaging-drift.js';
import { cleanEnvironment, run, type RunResult } from '../src/run.js';
import { tarballProblems } from '../src/tarball-contents.js';
import { type PackedPackage, packAll } from '../src/tarballs.js';
import { publishedPackages, readManifest, repositoryRoot } from '../src/workspace.js';

/*
 * Every published package (every non-private one under packages/), packed with `pnpm pack` as
 * publishing would, checked as a tarball, then installed with npm into a fresh project outside
 * the workspace and used from there: as ES modules, through require(), and from TypeScript in
 * three settings. Expected answers come from the README's Quickstart and the seed documentation.
 */
const packages = publishedPackages();
const entries: EntryPoint[] = packages.flatMap(({ manifest }) => entryPoints(manifest));
const workDir = mkdtempSync(join(tmpdir(), 'flipper-packaging-'));
const projectDir = join(workDir, 'consumer');
let packed: PackedPackage[] = [];

const TWO_COPIES = 'FLIPPER_CORE_LOADED_TWICE';
// The README's Quickstart; the SPEC's FlagDoesNotExistError for a write to a missing flag; the
// store-replicated README's repair of a replica that lacks the flag; the openfeature README's user 1.
const QUICKSTART_ANSWERS = {
  myFeature: true,
  myFeatureOnReplica: true,
  user1: true,
  user2: false,
  user2Admin: true,
  writeToMissingFlag: 'FlagDoesNotExistError',
  openFeatureUser1: true,
};

function node(args: readonly string[], cwd = projectDir): Promise<RunResult> {
  return run(process.execPath, args, cwd);
}

function jsonOutput(result: RunResult): unknown {
  if (result.status !== 0) throw new Error(`exited ${result.status}:\n${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** What a consumer that loads every entry point should report: names, or Jest's refusal for kits. */
function expectEveryEntryPointLoaded(report: { loaded: Record<string, number | string>; frame?: string }): void {
  for (const { specifier, needsJest } of entries) {
    if (needsJest) expect({ specifier, loaded: report.loaded[specifier] }).toEqual({ specifier, loaded: 'needs Jest' });
    else expect({ specifier, loaded: typeof report.loaded[specifier] }).toEqual({ specifier, loaded: 'number' });
  }
  for (const { specifier, needsJest } of entries) if (!needsJest) expect(report.loaded[specifier]).toBeGreaterThan(0);
  // The shipped maps lead a stack trace from the built file to the TypeScript source.
  expect(report.frame).toMatch(/node_modules\/@flipper-client\/core\/src\/[a-z-]+\.ts:\d+:\d+/);
}

beforeAll(async () => {
  packed = await packAll(packages, workDir);
  mkdirSync(projectDir);
  await createConsumerProject(projectDir, packed, entries);
}, 600_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('the published packages', () => {
  it('are found under packages/, and this test depends on each (so turbo builds them first)', () => {
    expect(packages.map(({ manifest }) => manifest.name)).toContain('@flipper-client/core');
    const devDependencies = Object.keys(readManifest(join(repositoryRoot, 'tooling', 'packaging')).devDependencies ?? {});
    expect(packages.map(({ manifest }) => manifest.name).filter((name) => !devDependencies.includes(name))).toEqual([]);
  });

  it('follow the packaging rules in package.json and carry the LICENSE (else run `pnpm sync-manifests`)', () => {
    expect(packagingDrift()).toEqual([]);
  });
});

describe('each tarball', () => {
  it('carries its LICENSE, README, every exported file, types for both conditions and maps whose sources it ships', () => {
    const license = rootLicense();
    expect(packed.flatMap((one) => tarballProblems(one, license))).toEqual([]);
  });

  it('has nothing publint reports', async () => {
    const messages = await Promise.all(packed.map((one) => publintMessages(one)));
    expect(messages.flat()).toEqual([]);
  });

  it('has nothing @arethetypeswrong/cli reports (node16 from CommonJS and from ESM, bundler)', async () => {
    expect(await typesProblems(packed)).toEqual([]);
  });
});

describe('a project outside the workspace, with the tarballs installed by npm', () => {
  it('imports every entry point as ES modules', async () => {
    const result = await node(['--enable-source-maps', 'load-entry-points.mjs']);
    expectEveryEntryPointLoaded(jsonOutput(result) as never);
    expect(result.stderr).not.toContain(TWO_COPIES);
  });

  it('requires every entry point from CommonJS', async () => {
    const result = await node(['--enable-source-maps', 'load-entry-points.cjs']);
    expectEveryEntryPointLoaded(jsonOutput(result) as never);
    expect(result.stderr).not.toContain(TWO_COPIES);
  });

  it.each(TYPESCRIPT_SETTINGS)('typechecks every entry point and the Quickstart with TypeScript (%s)', async (setting) => {
    const compiled = await node(['node_modules/typescript/bin/tsc', '-p', setting]);
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    expect(compiled.status).toBe(0);
  });

  it.each(['node16-cjs', 'node16-esm'])('runs the Quickstart as compiled by TypeScript (%s), the stores sharing its core', async (setting) => {
    const result = await node([join(setting, 'out', 'scenario.js')]);
    expect(jsonOutput(result)).toEqual(QUICKSTART_ANSWERS);
    expect(result.stderr).not.toContain(TWO_COPIES);
  });

  it('is warned when it loads the core both as an ES module and through require()', async () => {
    const result = await node(['load-both-ways.mjs']);
    expect(result.stdout).toBe('function function\n');
    expect(result.stderr).toContain(`[${TWO_COPIES}]`);
    expect(result.stderr).toContain('loaded twice in this process (as ES module and as CommonJS)');
  });
});

describe("the READMEs' TypeScript blocks, in that project", () => {
  const blocks = readmePaths().flatMap((readme) => readmeBlocks(readme));

  it('are found in the README of the repository and of the packages', () => {
    const readmes = new Set(blocks.map(({ readme }) => readme));
    expect([...readmes]).toEqual(expect.arrayContaining(['README.md', 'packages/admin/README.md', 'packages/core/README.md', 'packages/store-redis/README.md']));
    expect(blocks.length).toBeGreaterThan(40);
  });

  it.each(README_SETTINGS.map(([setting]) => setting))('compile as written, each a module of its own (%s, module nodenext)', async (setting) => {
    const compiled = await node(['node_modules/typescript/bin/tsc', '-p', setting]);
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    expect(compiled.status).toBe(0);
  });

  it('that are excerpts are lines of the files they name', () => {
    expect(blocks.filter((block) => block.excerptOf !== undefined).length).toBeGreaterThan(0);
    expect(blocks.flatMap((block) => excerptProblems(block))).toEqual([]);
  });

  it("of the root README's cache over Redis: the process closes its connections on SIGTERM and exits", async () => {
    const block = blocks.find((candidate) => candidate.readme === 'README.md' && candidate.code.includes('SIGTERM'))!;
    const redis = await startRedis();
    try {
      // Importing the compiled block resolves once it has run to its end, its SIGTERM handler set.
      writeFileSync(join(projectDir, 'readme-esm', 'out', 'run-block.mjs'), `await import('./${block.file.replace(/\.ts$/, '.js')}');\nconsole.log('ready');\n`);
      const child = spawn(process.execPath, [join('readme-esm', 'out', 'run-block.mjs')], { cwd: projectDir, env: { ...cleanEnvironment(), REDIS_URL: redis.url }, stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = once(child, 'exit');
      const [ready] = (await once(child.stdout.setEncoding('utf8'), 'data')) as [string];
      expect(ready).toBe('ready\n');
      child.kill('SIGTERM');
      expect(await exited).toEqual([0, null]);
    } finally {
      await redis.stop();
    }
  });
});
