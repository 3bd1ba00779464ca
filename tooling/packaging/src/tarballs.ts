import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mapLimit, runOrThrow } from './run.js';
import type { PublishedPackage } from './workspace.js';

/** A published package as `pnpm pack` made it, and unpacked. */
export interface PackedPackage {
  readonly pkg: PublishedPackage;
  readonly tarball: string;
  /** The tarball's `package/` folder, unpacked. */
  readonly root: string;
  /** Every file of the tarball, relative to `root`, `/`-separated. */
  readonly files: ReadonlySet<string>;
}

function listFiles(root: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.add(relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
  }
  return files;
}

/** Packs each package with `pnpm pack` (as publishing would) into `destination` and unpacks it. */
export function packAll(packages: readonly PublishedPackage[], destination: string): Promise<PackedPackage[]> {
  return mapLimit(packages, 2, async (pkg) => {
    const output = await runOrThrow('pnpm', ['pack', '--json', '--pack-destination', destination], pkg.path);
    const tarball = (JSON.parse(output) as { filename: string }).filename;
    const unpacked = join(destination, 'unpacked', pkg.directory.replace('/', '-'));
    mkdirSync(unpacked, { recursive: true });
    await runOrThrow('tar', ['-xzf', tarball, '-C', unpacked], destination);
    const root = join(unpacked, 'package');
    return { pkg, tarball, root, files: listFiles(root) };
  });
}
