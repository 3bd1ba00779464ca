import type { PackageManifest } from './workspace.js';

/** An import specifier a consumer can use, e.g. `@flipper-client/core/store`. */
export interface EntryPoint {
  readonly specifier: string;
  /**
   * A conformance kit, built on `@jest/globals`, which refuses to load outside a Jest run: a
   * consumer checks that it resolves and loads as far as that import, and its types.
   */
  readonly needsJest: boolean;
}

/** A subpath that names one file that is not code (`./package.json`, an IDL), not an entry point. */
function isDataFile(target: unknown): boolean {
  return typeof target === 'string' && !/\.[cm]?js$/.test(target);
}

/** The package's code entry points: every `exports` subpath but those naming a data file. */
export function entryPoints(manifest: PackageManifest): EntryPoint[] {
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => !isDataFile(target))
    .map(([subpath]) => ({
      specifier: subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`,
      needsJest: /(^|\/)testing$/.test(subpath) || manifest.name.endsWith('/test-suite'),
    }));
}

/** A TypeScript module that makes the type checker resolve every entry point's declarations. */
export function entryPointsModule(entries: readonly EntryPoint[]): string {
  const imports = entries.map((entry, index) => `import type * as entry${index} from '${entry.specifier}';`);
  const tuple = entries.map((_, index) => `typeof entry${index}`).join(', ');
  return `// Every entry point of every published package, so that the type checker resolves each one.\n${imports.join('\n')}\n\nexport type EntryPoints = [${tuple}];\n`;
}
