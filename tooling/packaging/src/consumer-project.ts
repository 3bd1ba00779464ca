import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EntryPoint, entryPointsModule } from './entry-points.js';
import { blockModule, readmeBlocks, readmeImports, readmePaths } from './readme-blocks.js';
import { runOrThrow } from './run.js';
import type { PackedPackage } from './tarballs.js';
import { repositoryRoot } from './workspace.js';

/** The consumers (plain JavaScript both ways, TypeScript in three settings), copied into the project. */
export const consumersDir = fileURLToPath(new URL('../consumers/', import.meta.url));
const packagingDir = fileURLToPath(new URL('../', import.meta.url));
export const TYPESCRIPT_SETTINGS = ['node16-cjs', 'node16-esm', 'bundler'] as const;
/** Where the READMEs' TypeScript blocks are compiled: `module: nodenext`, as ES modules and as CommonJS. */
export const README_SETTINGS = [
  ['readme-esm', 'esm'],
  ['readme-cjs', 'cjs'],
] as const;

function installedVersion(name: string, fromDirs: readonly string[]): string {
  for (const dir of fromDirs) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  throw new Error(`${name} is not installed in ${fromDirs.join(' or ')}`);
}

/**
 * What the consumer project installs besides the tarballs: every package's peer dependencies
 * (optional ones too, for their types) at the versions the workspace tests against, and the
 * TypeScript and Node types the workspace builds with.
 */
export function registryInstalls(packed: readonly PackedPackage[], readmePackages: readonly string[] = []): string[] {
  const installs = new Map<string, string>();
  for (const { pkg } of packed) {
    for (const peer of Object.keys(pkg.manifest.peerDependencies ?? {})) {
      if (!peer.startsWith('@flipper-client/')) installs.set(peer, installedVersion(peer, [pkg.path, repositoryRoot]));
    }
  }
  for (const tool of ['typescript', '@types/node']) installs.set(tool, installedVersion(tool, [repositoryRoot]));
  // What the READMEs' examples import (express, hono...), with their types where they come apart,
  // at the versions the workspace tests them with (this package's dev dependencies, else a package's).
  const places = [packagingDir, repositoryRoot, ...packed.map(({ pkg }) => pkg.path)];
  for (const name of readmePackages) {
    if (!installs.has(name)) installs.set(name, installedVersion(name, places));
    const types = `@types/${name.replace(/^@([^/]+)\//, '$1__')}`;
    try {
      installs.set(types, installedVersion(types, places));
    } catch {
      // The package carries its own types.
    }
  }
  return [...installs].sort().map(([name, version]) => `${name}@${version}`);
}

/**
 * A fresh npm project in `dir` (outside the workspace) with every tarball and its peers
 * installed by npm, as a user's project would have them, and the consumers beside them.
 */
export async function createConsumerProject(dir: string, packed: readonly PackedPackage[], entries: readonly EntryPoint[]): Promise<void> {
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'flipper-consumer', version: '0.0.0', private: true }, null, 2)}\n`);
  cpSync(consumersDir, dir, { recursive: true });
  writeFileSync(join(dir, 'entry-points.json'), JSON.stringify(entries));
  for (const setting of TYPESCRIPT_SETTINGS) writeFileSync(join(dir, setting, 'entry-points.ts'), entryPointsModule(entries));
  for (const setting of TYPESCRIPT_SETTINGS) cpSync(join(consumersDir, 'scenario.ts'), join(dir, setting, 'scenario.ts'));
  const blocks = readmePaths().flatMap((readme) => readmeBlocks(readme));
  for (const [setting, kind] of README_SETTINGS) {
    cpSync(join(consumersDir, 'readme-globals.d.ts'), join(dir, setting, 'readme-globals.d.ts'));
    for (const block of blocks) if (block.excerptOf === undefined) writeFileSync(join(dir, setting, block.file), blockModule(block, kind));
  }
  const tarballs = packed.map(({ tarball }) => tarball);
  await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs, ...registryInstalls(packed, readmeImports(blocks))], dir);
}
