import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The golden vectors produced by the Python library, read where they are kept: beside the
 * repository in `shared/vectors`, or wherever FLIPPER_VECTORS_DIR points. They are never copied
 * or edited; a missing folder fails the tests rather than skipping them.
 */
export function vectorsDir(): string {
  const fromEnv = process.env['FLIPPER_VECTORS_DIR'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  // Beside the clone first; then where machines of this kind keep the shared folder.
  const candidates = [join(repoRoot, '..', 'shared', 'vectors'), '/work/shared/vectors'];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'bucketing.json')));
  if (found === undefined) {
    throw new Error(`golden vectors not found in ${candidates.join(' or ')}; set FLIPPER_VECTORS_DIR`);
  }
  return found;
}

export function readVectors<T>(file: string): T {
  return JSON.parse(readFileSync(join(vectorsDir(), file), 'utf8')) as T;
}

export interface BucketingVector {
  checks: Record<string, unknown>;
  key_whitelist: string[];
  serialized: string;
  score: number;
  enabled: Record<string, boolean>;
}

export interface DocumentVector {
  document: string;
  evaluations: {
    checks: Record<string, unknown>;
    enabled: boolean | 'error';
    enabled_documented: boolean | 'error';
  }[];
}
