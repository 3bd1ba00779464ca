import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { findWorkspacePackage, findWorkspaceRoot, importWorkspacePackage } from '../src/workspace-packages.js';

describe('workspace packages', () => {
  const root = mkdtempSync(join(tmpdir(), 'bench-workspace-'));
  writeFileSync(join(root, 'pnpm-workspace.yaml'), "packages:\n  - packages/*\n  - 'tooling/*'\n");
  const write = (dir: string, json: object, files: Record<string, string> = {}): void => {
    mkdirSync(join(root, dir, 'dist'), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(json));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, dir, file), text);
  };
  write('packages/store-built', { name: '@x/store-built', version: '1.2.3', type: 'module', exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' } } }, {
    'dist/index.js': 'export const answer = 42;\n',
  });
  // A dual package as this repository builds them: nested conditions, `main` the CommonJS build.
  write(
    'packages/store-dual',
    {
      name: '@x/store-dual',
      version: '0.1.0',
      main: './dist/cjs/index.js',
      exports: { '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' }, require: { types: './dist/cjs/index.d.ts', default: './dist/cjs/index.js' } } },
    },
    { 'dist/index.js': "export const build = 'esm';\n" },
  );
  mkdirSync(join(root, 'packages/store-dual/dist/cjs'), { recursive: true });
  writeFileSync(join(root, 'packages/store-dual/dist/cjs/index.js'), "exports.build = 'cjs';\n");
  write('tooling/store-unbuilt', { name: '@x/store-unbuilt', version: '0.1.0', exports: { '.': { import: './dist/index.js' } } });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the repository root from the bench folder', () => {
    const repoRoot = findWorkspaceRoot();
    expect(repoRoot).toBeDefined();
    expect(findWorkspacePackage('@flipper-client/core', repoRoot)?.dir).toBe(join(repoRoot!, 'packages', 'core'));
  });

  it('finds packages under every dir/* glob and nothing else', () => {
    expect(findWorkspacePackage('@x/store-built', root)).toEqual({ name: '@x/store-built', dir: join(root, 'packages', 'store-built'), version: '1.2.3' });
    expect(findWorkspacePackage('@x/store-unbuilt', root)?.dir).toBe(join(root, 'tooling', 'store-unbuilt'));
    expect(findWorkspacePackage('@x/not-written-yet', root)).toBeUndefined();
  });

  it('imports a built package through its exports map, and names the build command for an unbuilt one', async () => {
    const built = await importWorkspacePackage<{ answer: number }>(findWorkspacePackage('@x/store-built', root)!);
    expect(built.answer).toBe(42);
    const dual = await importWorkspacePackage<{ build: string }>(findWorkspacePackage('@x/store-dual', root)!);
    expect(dual.build).toBe('esm');
    await expect(importWorkspacePackage(findWorkspacePackage('@x/store-unbuilt', root)!)).rejects.toThrow(
      /not built: run pnpm turbo run build --filter=@x\/store-unbuilt/,
    );
  });
});
