import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Finds packages of this workspace that the bench does not (yet) declare as dependencies: the
 * stores written in parallel (`@flipper-client/store-redis`, `@flipper-client/store-cached`) can
 * be benchmarked as soon as they are in the workspace, before anyone edits this package.json.
 */

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly version: string;
}

interface PackageJson {
  name?: string;
  version?: string;
  main?: string;
  exports?: unknown;
}

function readPackageJson(path: string): PackageJson | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The folder holding `pnpm-workspace.yaml`, searched upwards from `from`. */
export function findWorkspaceRoot(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Package folders matched by the workspace's `dir/*` globs (the only form this repo uses). */
function packageDirs(root: string): string[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const dirs: string[] = [];
  for (const match of yaml.matchAll(/^\s*-\s*['"]?([^'"\s]+)['"]?\s*$/gm)) {
    const glob = match[1]!;
    if (!glob.endsWith('/*')) continue;
    const parent = join(root, glob.slice(0, -2));
    if (!existsSync(parent)) continue;
    for (const entry of readdirSync(parent, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(join(parent, entry.name));
    }
  }
  return dirs;
}

export function findWorkspacePackage(name: string, root = findWorkspaceRoot()): WorkspacePackage | undefined {
  if (root === undefined) return undefined;
  for (const dir of packageDirs(root)) {
    const json = readPackageJson(join(dir, 'package.json'));
    if (json?.name === name) return { name, dir, version: json.version ?? '0.0.0' };
  }
  return undefined;
}

/**
 * The file `import` resolves `.` to: conditions are followed as Node follows them for an ES
 * module (`import`, `node`, `default`), into nested objects such as `{ import: { types, default } }`.
 * `main` is the last resort only: in a dual package it is the CommonJS build, and importing it
 * beside the ES modules would load the core twice.
 */
function importEntry(json: PackageJson): string | undefined {
  const exportsField = json.exports as Record<string, unknown> | string | undefined;
  const dot = typeof exportsField === 'string' ? exportsField : exportsField?.['.'];
  return resolveConditions(dot) ?? json.main;
}

function resolveConditions(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (target === null || typeof target !== 'object') return undefined;
  const conditions = target as Record<string, unknown>;
  for (const key of ['import', 'node', 'default']) {
    const found = resolveConditions(conditions[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Imports a workspace package from its built entry point; throws if it has not been built. */
export async function importWorkspacePackage<T>(found: WorkspacePackage): Promise<T> {
  const json = readPackageJson(join(found.dir, 'package.json')) ?? {};
  const entry = importEntry(json);
  const path = entry === undefined ? undefined : join(found.dir, entry);
  if (path === undefined || !existsSync(path)) {
    throw new Error(
      `${found.name} is in the workspace (${found.dir}) but not built: run ` +
        `pnpm turbo run build --filter=${found.name}`,
    );
  }
  return (await import(pathToFileURL(path).href)) as T;
}

/**
 * Loads a dependency as the given workspace package sees it (its own `node_modules`), so the
 * bench hands a store the same driver instance its peer dependency resolves to.
 */
export function requireFromPackage<T>(found: WorkspacePackage, dependency: string): T {
  return createRequire(join(found.dir, 'package.json'))(dependency) as T;
}

/** The installed version of one of the bench's own dependencies. */
export function installedVersion(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const json = readPackageJson(join(dir, 'package.json'));
    if (json?.name === name && json.version !== undefined) return json.version;
    if (dirname(dir) === dir) return 'unknown';
    dir = dirname(dir);
  }
}

/**
 * Imports a package by name: the ordinary resolution when the bench declares it, else the
 * workspace folder that holds it. Throws when neither has it.
 */
export async function importPackageByName<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    // Only "this package cannot be found" falls through; a broken package is an error.
    if (code !== 'ERR_MODULE_NOT_FOUND' || !String(message).includes(`'${name}'`)) throw error;
  }
  const found = findWorkspacePackage(name);
  if (found === undefined) throw new Error(`${name} is not in the workspace`);
  return importWorkspacePackage<T>(found);
}

/** `requireFromPackage` by package name, for callers without a `WorkspacePackage` at hand. */
export function requireFromPackageNamed<T>(packageName: string, dependency: string): T {
  const found = findWorkspacePackage(packageName);
  if (found === undefined) throw new Error(`${packageName} is not in the workspace`);
  return requireFromPackage<T>(found, dependency);
}
