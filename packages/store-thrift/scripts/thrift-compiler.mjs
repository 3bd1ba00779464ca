// Runs the Thrift compiler on the package's IDL. Shared by the generate script and by the test
// that checks the committed generated code against fresh compiler output.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const IDL_FILE = 'feature_flag_store.thrift';
export const GENERATOR = 'js:node,es6,ts';
/** Marks the generated folder as CommonJS inside the ESM package; not compiler output. */
export const COMMONJS_MARKER = { name: 'package.json', text: '{\n  "type": "commonjs"\n}\n' };

/** Compiles the IDL into a fresh temporary folder and returns its path; throws when thrift is missing or fails. */
export function compileToTemporaryFolder(packageRoot) {
  const out = mkdtempSync(join(tmpdir(), 'flipper-thrift-gen-'));
  const run = spawnSync('thrift', ['--gen', GENERATOR, '-out', out, IDL_FILE], { cwd: packageRoot, encoding: 'utf8' });
  if (run.error !== undefined) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(
      `cannot run the Thrift compiler (\`thrift\`): ${run.error.message}. Install it (Debian: apt-get install thrift-compiler).`,
    );
  }
  if (run.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`thrift --gen ${GENERATOR} failed (exit ${run.status}):\n${run.stderr}`);
  }
  return out;
}

/** Replaces `target` with fresh compiler output plus the CommonJS marker; returns the file names. */
export function generateInto(packageRoot, target) {
  const out = compileToTemporaryFolder(packageRoot);
  try {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(out, target, { recursive: true });
    writeFileSync(join(target, COMMONJS_MARKER.name), COMMONJS_MARKER.text);
    return readdirSync(target).sort();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
