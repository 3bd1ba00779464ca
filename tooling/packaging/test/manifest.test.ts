import { describe, expect, it } from '@jest/globals';
import { BUILD_SCRIPT, differingFields, dualExport, expectedManifest, type RepositoryLocation } from '../src/manifest.js';
import type { PackageManifest } from '../src/workspace.js';

/*
 * What `pnpm sync-manifests` does to a package it has not seen: the packages being added
 * (a CLI, an admin UI, a test suite) must come out right, not only the ones in the tree today.
 */
const location: RepositoryLocation = { gitUrl: 'git+https://example.test/org/repo.git', webUrl: 'https://example.test/org/repo', branch: 'main' };

const fresh: PackageManifest = {
  name: '@flipper-client/test-suite',
  version: '0.1.0',
  description: 'new',
  license: 'Apache-2.0',
  type: 'module',
  exports: {
    '.': { types: './dist/index.d.ts', import: './dist/index.js' },
    './package.json': './package.json',
  },
  main: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'README.md'],
  scripts: { build: 'rm -rf dist && tsc -p tsconfig.build.json', test: 'jest' },
};

describe('expectedManifest', () => {
  const expected = expectedManifest(fresh, 'packages/test-suite', location);

  it('gives every built entry point an import and a require condition, each with its types', () => {
    expect(expected.exports).toEqual({
      '.': {
        import: { types: './dist/index.d.ts', default: './dist/index.js' },
        require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' },
      },
      './package.json': './package.json',
    });
    expect([expected['main'], expected['types']]).toEqual(['./dist/cjs/index.js', './dist/cjs/index.d.ts']);
  });

  it('derives repository, homepage and bugs from the one repository URL, right after license', () => {
    expect(Object.keys(expected).slice(0, 7)).toEqual(['name', 'version', 'description', 'license', 'repository', 'homepage', 'bugs']);
    expect(expected.repository).toEqual({ type: 'git', url: location.gitUrl, directory: 'packages/test-suite' });
    expect(expected.homepage).toBe('https://example.test/org/repo/tree/main/packages/test-suite#readme');
    expect(expected.bugs).toEqual({ url: 'https://example.test/org/repo/issues' });
  });

  it('ships the sources the maps point at, and replaces the plain tsc build with the dual one', () => {
    expect(expected.files).toEqual(['dist', 'src', 'README.md']);
    expect(expected.scripts).toEqual({ build: BUILD_SCRIPT, test: 'jest' });
  });

  it('leaves a build of its own, a package without exports, and a data file export as they are', () => {
    const cli = expectedManifest(
      { name: 'cli', version: '0.1.0', bin: { flipper: './dist/main.js' }, scripts: { build: 'vite build' } },
      'packages/cli',
      location,
    );
    expect('exports' in cli).toBe(false);
    expect(cli.scripts?.['build']).toBe('vite build');
    expect(dualExport('./feature_flag_store.thrift')).toBe('./feature_flag_store.thrift');
  });

  it('starts a package at 0.1.0, as every published package is, and leaves later versions alone', () => {
    expect(expectedManifest({ ...fresh, version: '0.0.0' }, 'packages/admin', location).version).toBe('0.1.0');
    expect(expectedManifest({ ...fresh, version: '0.3.2' }, 'packages/admin', location).version).toBe('0.3.2');
    expect(differingFields({ ...fresh, version: '0.0.0' }, expectedManifest({ ...fresh, version: '0.0.0' }, 'packages/admin', location))).toContain('version');
  });

  it('is what it is asked to reach: applied twice, nothing differs', () => {
    expect(differingFields(expected, expectedManifest(expected, 'packages/test-suite', location))).toEqual([]);
    expect(differingFields(fresh, expected)).toEqual(['exports', 'main', 'types', 'files', 'scripts', 'repository', 'homepage', 'bugs']);
  });
});
