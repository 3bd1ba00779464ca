import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { mapLimit, run } from './run.js';
import type { PackedPackage } from './tarballs.js';

/** Every message publint has for the tarball (suggestions too, warnings as errors). */
export async function publintMessages(packed: PackedPackage): Promise<string[]> {
  const bytes = readFileSync(packed.tarball);
  const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion', strict: true });
  return messages.map((message) => `${packed.pkg.manifest.name}: publint ${message.type}: ${formatMessage(message, pkg, { color: false })}`);
}

const attwManifest = createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json');
const attw = join(dirname(attwManifest), 'dist', 'index.js');

/**
 * What @arethetypeswrong/cli reports for each tarball, one entry per package it faults (its
 * table, as it prints it). Profile `node16`: TypeScript's `node10` resolution ignores `exports`,
 * so subpath entry points (`/store`, `/testing`) cannot resolve there at all; the main entry
 * still does through `main`/`types` (the CommonJS build).
 */
export async function typesProblems(packed: readonly PackedPackage[]): Promise<string[]> {
  const reports = await mapLimit(packed, 2, async ({ tarball, pkg }) => {
    const result = await run(process.execPath, [attw, tarball, '--profile', 'node16', '--format', 'ascii', '--no-color', '--no-emoji'], dirname(tarball));
    return result.status === 0 ? undefined : `${pkg.manifest.name}: attw exited ${result.status}:\n${result.stdout}${result.stderr}`;
  });
  return reports.filter((report): report is string => report !== undefined);
}
