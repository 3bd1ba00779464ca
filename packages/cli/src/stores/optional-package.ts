import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';

/** The packages a store URL needs beyond the core, as one install line. */
export const STORE_PACKAGES = {
  redis: ['@flipper-client/store-redis', 'ioredis'],
  consul: ['@flipper-client/store-consul', 'consul'],
  s3: ['@flipper-client/store-s3', '@aws-sdk/client-s3'],
  thrift: ['@flipper-client/store-thrift', 'thrift'],
} as const;

export type PackagedStore = keyof typeof STORE_PACKAGES;

/** This package's directory (this file is dist/stores/optional-package.js). */
const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Whether the CLI runs from `npm install -g`: npm puts global packages in
 * `<prefix>/lib/node_modules/` and links their commands in `<prefix>/bin/`. A store package
 * must then be installed globally too, or the CLI cannot load it.
 */
export function isGlobalInstall(packageDir: string): boolean {
  const modules = dirname(dirname(packageDir.replace(/[\\/]+$/, '')));
  if (basename(modules) !== 'node_modules') return false;
  const prefix = basename(dirname(modules)) === 'lib' ? dirname(dirname(modules)) : dirname(modules);
  return existsSync(join(prefix, 'bin', 'flipper')) || existsSync(join(prefix, 'flipper.cmd'));
}

function missingPackageOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  return /Cannot find (?:package|module) '([^']+)'/.exec((error as Error).message)?.[1];
}

/**
 * Loads an optional peer dependency. When it (or a package it needs) is not installed, the
 * command fails with a usage error naming the package and the install line.
 */
export async function loadOptional<T>(store: PackagedStore, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = missingPackageOf(error);
    if (missing === undefined) throw error;
    const name = missing.startsWith('@') ? missing.split('/').slice(0, 2).join('/') : missing.split('/')[0]!;
    const install = isGlobalInstall(PACKAGE_DIR) ? 'npm install -g' : 'npm install';
    throw new UsageError(
      `the ${store} store needs the package ${name}, which is not installed. Install: ${install} ${STORE_PACKAGES[store].join(' ')}`,
      { cause: error },
    );
  }
}
