import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCommands } from '@flipper-client/system-packages';
import { COMMONJS_MARKER, compileToTemporaryFolder } from '../scripts/thrift-compiler.mjs';

/*
 * The generated code is committed so that users need no compiler; this proves it is exactly
 * what the Thrift compiler makes of the IDL today. It installs `thrift` (Debian: thrift-compiler)
 * when missing, and fails, rather than skips, naming the package when it cannot.
 */
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const committedDir = join(packageRoot, 'src', 'generated');

describe('committed generated code', () => {
  it('equals fresh output of the Thrift compiler for feature_flag_store.thrift', () => {
    ensureCommands({ purpose: "store-thrift's generated-code test", commands: ['thrift'], debianPackages: ['thrift-compiler'] });
    const freshDir = compileToTemporaryFolder(packageRoot);
    try {
      const fresh = readdirSync(freshDir).sort();
      const marker = COMMONJS_MARKER;
      expect(readdirSync(committedDir).sort()).toEqual([...fresh, marker.name].sort());
      expect(fresh.length).toBeGreaterThanOrEqual(4);
      for (const name of fresh) {
        const committed = readFileSync(join(committedDir, name), 'utf8');
        expect({ name, text: committed }).toEqual({ name, text: readFileSync(join(freshDir, name), 'utf8') });
      }
      expect(readFileSync(join(committedDir, marker.name), 'utf8')).toBe(marker.text);
    } finally {
      rmSync(freshDir, { recursive: true, force: true });
    }
  });
});
