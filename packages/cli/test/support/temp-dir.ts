import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';

/** A fresh directory for this test file, removed after it. */
export function tempDirectory(label: string): string {
  const directory = mkdtempSync(join(tmpdir(), `flipper-cli-${label}-`));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}
