import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (this file is tooling/packaging/{src,dist}/workspace.*). */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The fields of a package.json that packaging reads or writes. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  exports?: Record<string, unknown>;
  files?: string[];
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
  repository?: { type: string; url: string; directory?: string };
  homepage?: string;
  bugs?: { url: string };
  [field: string]: unknown;
}

/** A published package of the workspace: a non-private package under packages/. */
export interface PublishedPackage {
  /** Folder relative to the repository root, e.g. `packages/core`. */
  readonly directory: string;
  readonly path: string;
  readonly manifest: PackageManifest;
}

export function readManifest(path: string): PackageManifest {
  return JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as PackageManifest;
}

/** Every non-private packages/* package, in folder order: new packages are found, not listed. */
export function publishedPackages(root: string = repositoryRoot): PublishedPackage[] {
  const found: PublishedPackage[] = [];
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const directory = `packages/${entry.name}`;
    const path = join(root, directory);
    let manifest: PackageManifest;
    try {
      manifest = readManifest(path);
    } catch {
      continue;
    }
    if (manifest.private !== true) found.push({ directory, path, manifest });
  }
  return found.sort((a, b) => a.directory.localeCompare(b.directory));
}
