/**
 * The `npm install` lines of the READMEs' shell blocks, checked against the workspace: every
 * package a line names is published from here or is a dependency one of the packages declares
 * (a driver, a peer), and a line that installs a package also names the peers it needs that
 * are not this repository's (`@flipper-client/store-redis ioredis`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedPackages, repositoryRoot, type PackageManifest } from './workspace.js';

export interface InstallLine {
  readonly readme: string;
  readonly line: number;
  readonly packages: readonly string[];
}

/** `pnpm@10.34.8` → `pnpm`, `@scope/name@1` → `@scope/name`. */
const withoutVersion = (spec: string): string => spec.replace(/(?<=.)@[^/@]*$/, '');

export function installLines(readme: string, root: string = repositoryRoot): InstallLine[] {
  const text = readFileSync(join(root, readme), 'utf8');
  const lines: InstallLine[] = [];
  for (const block of text.matchAll(/^ *```sh\n([\s\S]*?)^ *```$/gm)) {
    const start = text.slice(0, block.index).split('\n').length + 1;
    block[1]!.split('\n').forEach((code, offset) => {
      const install = /(?:^|&&\s*)npm install((?:\s+[^\s#&]+)+)/.exec(code);
      if (install === null) return;
      const packages = install[1]!.trim().split(/\s+/).filter((word) => !word.startsWith('-')).map(withoutVersion);
      lines.push({ readme, line: start + offset, packages });
    });
  }
  return lines;
}

function requiredPeers(manifest: PackageManifest): string[] {
  return Object.keys(manifest.peerDependencies ?? {}).filter(
    (peer) => !peer.startsWith('@flipper-client/') && manifest.peerDependenciesMeta?.[peer]?.optional !== true,
  );
}

/** One line per problem: an unknown package, or a package without the peers it needs. */
export function installLineProblems(lines: readonly InstallLine[], root: string = repositoryRoot): string[] {
  const published = new Map(publishedPackages(root).map(({ manifest }) => [manifest.name, manifest]));
  const known = new Set(['pnpm', ...published.keys()]);
  for (const manifest of published.values()) {
    for (const field of ['dependencies', 'peerDependencies', 'devDependencies'] as const) for (const name of Object.keys(manifest[field] ?? {})) known.add(name);
  }
  const problems: string[] = [];
  for (const { readme, line, packages } of lines) {
    for (const name of packages) {
      if (!known.has(name)) problems.push(`${readme}:${line}: ${name} is neither a package of this repository nor one they depend on`);
      const manifest = published.get(name);
      for (const peer of manifest === undefined ? [] : requiredPeers(manifest)) {
        if (!packages.includes(peer)) problems.push(`${readme}:${line}: ${name} needs ${peer}, which the line does not install`);
      }
    }
  }
  return problems;
}
