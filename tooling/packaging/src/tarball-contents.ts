import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { PackedPackage } from './tarballs.js';

const MAPPED_FILE = /\.(?:[cm]?js|d\.[cm]?ts)$/;
const MAPPING_URL = /^\/\/# sourceMappingURL=(\S+)\s*$/m;
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** `from` joined with `to`, inside the tarball; undefined when it points outside the package. */
function inside(from: string, to: string): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(from), to));
  return joined.startsWith('../') || posix.isAbsolute(joined) ? undefined : joined;
}

/** Every file an `exports` value names, with where it is named: `./store → require → types`. */
function exportTargets(value: unknown, where: string): { where: string; file: string }[] {
  if (typeof value === 'string') return [{ where, file: value.replace(/^\.\//, '') }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, nested]) => exportTargets(nested, `${where} → ${key}`));
}

function conditionsWithoutTypes(exports: Record<string, unknown>): string[] {
  const missing: string[] = [];
  for (const [subpath, target] of Object.entries(exports)) {
    if (subpath === './package.json' || target === null || typeof target !== 'object') continue;
    for (const condition of ['import', 'require']) {
      const branch = (target as Record<string, unknown>)[condition];
      if (branch === undefined || typeof branch !== 'object' || branch === null || !('types' in branch)) {
        missing.push(`exports ${subpath} → ${condition} has no types`);
      }
    }
  }
  return missing;
}

/** Source maps that a file names and that do not resolve, or whose sources the tarball lacks. */
function brokenMaps(packed: PackedPackage): string[] {
  const broken: string[] = [];
  for (const file of packed.files) {
    if (!MAPPED_FILE.test(file)) continue;
    const url = MAPPING_URL.exec(readFileSync(join(packed.root, file), 'utf8'))?.[1];
    if (url === undefined) continue;
    const mapFile = inside(file, url);
    if (mapFile === undefined || !packed.files.has(mapFile)) {
      broken.push(`${file} names the map ${url}, which is not in the tarball`);
      continue;
    }
    const map = JSON.parse(readFileSync(join(packed.root, mapFile), 'utf8')) as { sourceRoot?: string; sources: string[] };
    for (const source of map.sources) {
      const sourceFile = inside(mapFile, posix.join(map.sourceRoot ?? '', source));
      if (sourceFile === undefined || !packed.files.has(sourceFile)) broken.push(`${mapFile} maps to ${source}, which is not in the tarball`);
    }
  }
  return broken;
}

/**
 * What a published tarball must carry: the repository's LICENSE, a README, a package.json with
 * no `workspace:` range left, every file its exports name, types for both conditions of every
 * entry point, and source maps whose sources it ships. One line per problem, naming the file.
 */
export function tarballProblems(packed: PackedPackage, license: string): string[] {
  const problems: string[] = [];
  const has = (file: string): boolean => packed.files.has(file);
  if (!has('LICENSE')) problems.push('no LICENSE');
  else if (readFileSync(join(packed.root, 'LICENSE'), 'utf8') !== license) problems.push("LICENSE is not the repository's");
  if (!has('README.md')) problems.push('no README.md');
  const manifest = JSON.parse(readFileSync(join(packed.root, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
      if (range.startsWith('workspace:')) problems.push(`${field} ${name} is still ${range}`);
    }
  }
  const exports = (manifest['exports'] ?? {}) as Record<string, unknown>;
  for (const { where, file } of exportTargets(exports, 'exports')) if (!has(file)) problems.push(`${where}: ${file} is not in the tarball`);
  problems.push(...conditionsWithoutTypes(exports), ...brokenMaps(packed));
  return problems.map((problem) => `${packed.pkg.manifest.name}: ${problem}`);
}
