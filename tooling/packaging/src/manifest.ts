import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PackageManifest, readManifest, repositoryRoot } from './workspace.js';

/** What every published package's `build` script runs: ES modules in dist/, CommonJS in dist/cjs/. */
export const BUILD_SCRIPT = 'node ../../tooling/config/build-package.mjs';
const PLAIN_TSC_BUILD = 'rm -rf dist && tsc -p tsconfig.build.json';

/**
 * The plain TypeScript build becomes the dual build. A build of its own (a UI bundle, say) is
 * the package's to combine with it, after it, since it starts by emptying dist/; the tarball
 * checks then show whether both builds are there.
 */
function buildScript(current: string | undefined): string {
  return current === undefined || current === PLAIN_TSC_BUILD ? BUILD_SCRIPT : current;
}

/** Where the repository lives, defined once: the root package.json's `repository.url`. */
export interface RepositoryLocation {
  /** As package.json's `repository.url` wants it: `git+https://…/name.git`. */
  readonly gitUrl: string;
  /** The web page of the repository: `https://…/name`. */
  readonly webUrl: string;
  /** The branch that `homepage` links point into (the changesets base branch). */
  readonly branch: string;
}

export function repositoryLocation(root: string = repositoryRoot): RepositoryLocation {
  const url = readManifest(root).repository?.url;
  if (typeof url !== 'string') throw new Error('the root package.json has no repository.url: it is where every package takes its URL from');
  const webUrl = url.replace(/^git\+/, '').replace(/\.git$/, '');
  const changesets = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8')) as { baseBranch?: string };
  return { gitUrl: url, webUrl, branch: changesets.baseBranch ?? 'main' };
}

type Condition = { types: string; default: string };
export type DualExport = { import: Condition; require: Condition };

/** The ES module file an export points at, in any of the shapes a package.json may have. */
function esModuleTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  const conditions = target as Record<string, unknown>;
  const esm = conditions['import'];
  if (typeof esm === 'string') return esm;
  if (esm !== null && typeof esm === 'object' && typeof (esm as Record<string, unknown>)['default'] === 'string') {
    return (esm as Record<string, string>)['default'];
  }
  return typeof conditions['default'] === 'string' ? conditions['default'] : undefined;
}

/**
 * An export that points at a built module, `./dist/<name>.js`, becomes `import` (dist/) and
 * `require` (dist/cjs/) conditions, each with its own declarations: a CommonJS consumer must get
 * CommonJS-format types, or TypeScript believes it is loading an ES module. Any other export
 * (a raw file, `./package.json`) is kept as it is.
 */
export function dualExport(target: unknown): unknown {
  const file = esModuleTarget(target);
  const built = file === undefined ? null : /^\.\/dist\/(?!cjs\/)(.+)\.js$/.exec(file);
  if (built === null) return target;
  const name = built[1];
  return {
    import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    require: { types: `./dist/cjs/${name}.d.ts`, default: `./dist/cjs/${name}.js` },
  } satisfies DualExport;
}

/**
 * The package.json a published package should have: the dual build and its exports, `main` and
 * `types` for tools that ignore `exports` (they get the CommonJS build), the sources its maps
 * point at in `files`, and where it lives, derived from the one repository URL. Every other field
 * and the order of fields are kept.
 */
export function expectedManifest(manifest: PackageManifest, directory: string, location: RepositoryLocation): PackageManifest {
  const exports =
    manifest.exports === undefined
      ? undefined
      : Object.fromEntries(Object.entries(manifest.exports).map(([path, target]) => [path, dualExport(target)]));
  const main = exports?.['.'] as DualExport | undefined;
  const derived: Partial<PackageManifest> = {
    repository: { type: 'git', url: location.gitUrl, directory },
    homepage: `${location.webUrl}/tree/${location.branch}/${directory}#readme`,
    bugs: { url: `${location.webUrl}/issues` },
  };
  const replaced: Partial<PackageManifest> = {
    ...(exports === undefined ? {} : { exports }),
    files: ['dist', 'src', ...(manifest.files ?? []).filter((file) => file !== 'dist' && file !== 'src')],
    scripts: { ...manifest.scripts, build: buildScript(manifest.scripts?.['build']) },
    ...(main === undefined ? {} : { main: main.require.default, types: main.require.types }),
  };
  const result: PackageManifest = { name: manifest.name, version: firstReleaseAtLeast(manifest.version) };
  const place = (key: string, value: unknown): void => {
    if (!(key in result)) result[key] = value;
  };
  for (const [key, value] of Object.entries(manifest)) {
    place(key, key in replaced ? replaced[key] : key in derived ? derived[key] : value);
    if (key === 'license') for (const [field, derivedValue] of Object.entries(derived)) place(field, derivedValue);
  }
  for (const [key, value] of Object.entries({ ...derived, ...replaced })) place(key, value);
  return result;
}

/**
 * Every published package starts at 0.1.0, as the workspace's first packages did: a 0.0.x
 * version makes a `workspace:^` dependency on it publish as `^0.0.x`, which admits no other
 * release, and sets the package apart from the rest for no reason.
 */
export function firstReleaseAtLeast(version: string): string {
  return /^0\.0\.\d+$/.test(version) ? '0.1.0' : version;
}

/** The top-level fields in which `actual` differs from `expected` (order of fields included). */
export function differingFields(actual: PackageManifest, expected: PackageManifest): string[] {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  const differing = [...keys].filter((key) => JSON.stringify(actual[key]) !== JSON.stringify(expected[key]));
  if (differing.length === 0 && JSON.stringify(actual) !== JSON.stringify(expected)) differing.push('(order of fields)');
  return differing;
}
