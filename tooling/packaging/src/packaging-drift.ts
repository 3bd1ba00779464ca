/**
 * Where published packages are out of line with the packaging rules: a package.json other than
 * `expectedManifest` says (dual build, exports, files, repository/homepage/bugs), or no copy of
 * the repository's LICENSE beside it. `pnpm sync-manifests` fixes both; the pack-and-consume
 * test fails naming what is out of line.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { differingFields, expectedManifest, repositoryLocation } from './manifest.js';
import { publishedPackages, repositoryRoot } from './workspace.js';

export function rootLicense(root: string = repositoryRoot): string {
  return readFileSync(join(root, 'LICENSE'), 'utf8');
}

/** One line per published package whose package.json or LICENSE is out of line. */
export function packagingDrift(root: string = repositoryRoot, write = false): string[] {
  const location = repositoryLocation(root);
  const license = rootLicense(root);
  const drift: string[] = [];
  for (const pkg of publishedPackages(root)) {
    const expected = expectedManifest(pkg.manifest, pkg.directory, location);
    const fields = differingFields(pkg.manifest, expected);
    if (fields.length > 0) {
      drift.push(`${pkg.directory}/package.json: ${fields.join(', ')}`);
      if (write) writeFileSync(join(pkg.path, 'package.json'), `${JSON.stringify(expected, null, 2)}\n`);
    }
    const licensePath = join(pkg.path, 'LICENSE');
    if (!existsSync(licensePath) || readFileSync(licensePath, 'utf8') !== license) {
      drift.push(`${pkg.directory}/LICENSE: missing or not the repository's LICENSE`);
      if (write) writeFileSync(licensePath, license);
    }
  }
  return drift;
}
