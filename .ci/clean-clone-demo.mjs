// Runs the README's first command, verbatim, in a fresh `git clone` of this repository (so in a
// tree with no node_modules, no dist and no turbo cache) and checks what the demo printed against
// the answers the README's Quickstart and the seed documentation give. Run: node .ci/clean-clone-demo.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

function firstShellCommand(readme) {
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(readme);
  if (block === null) throw new Error('README.md has no ```sh block');
  return block[1].trim();
}

/** Rows of the demo's table: `scenario │ call │ returned`. */
function demoRows(output) {
  return output
    .split('\n')
    .filter((line) => line.split('│').length === 3)
    .map((line) => line.split('│').map((cell) => cell.trim()));
}

// [scenario, call, answer]: the README's Quickstart and the seed documentation's examples.
const EXPECTED = [
  ['quickstart', "isEnabled('MY_FEATURE') after enable", 'true'],
  ['quickstart', "isEnabled('UNKNOWN', {}, { default: true })", 'true'],
  ['conditions', 'isEnabled({"is_horse_lover":true,"number_of_horses_owned":9001,"location":"farm"})', 'true'],
  ['conditions', 'isEnabled({"location":"city"})', 'false'],
  ['50% consistent hash', 'isEnabled({ user_id: 1 }) x3', '[true,true,true]'],
  ['50% consistent hash', 'isEnabled({ user_id: 2 }) x3', '[false,false,false]'],
  ['conditions + bucketer', 'isEnabled({ user_id: 2, is_admin: true })', 'true'],
];

const command = firstShellCommand(readFileSync(join(repositoryRoot, 'README.md'), 'utf8'));
const workDir = mkdtempSync(join(tmpdir(), 'flipper-clean-clone-'));
try {
  const clone = join(workDir, 'clone');
  const cloned = spawnSync('git', ['clone', '--quiet', repositoryRoot, clone], { encoding: 'utf8' });
  if (cloned.status !== 0) throw new Error(`git clone failed:\n${cloned.stderr}`);

  process.stdout.write(`clean clone: ${clone}\n$ ${command}\n`);
  const run = spawnSync('bash', ['-c', command], { cwd: clone, encoding: 'utf8', timeout: 900_000, maxBuffer: 64 << 20 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status !== 0) throw new Error(`the README's first command exited ${run.status ?? run.signal}:\n${output.slice(-4000)}`);

  const rows = demoRows(output);
  const wrong = EXPECTED.filter(
    ([scenario, call, answer]) => !rows.some((row) => row[0] === scenario && row[1] === call && row[2] === answer),
  );
  if (wrong.length > 0) {
    const lines = wrong.map(([scenario, call, answer]) => `  ${scenario} │ ${call} │ expected ${answer}`);
    throw new Error(`the demo's output lacks these answers:\n${lines.join('\n')}\n\noutput:\n${output.slice(-4000)}`);
  }
  process.stdout.write(`the demo printed ${rows.length} rows; the ${EXPECTED.length} documented answers are right\n`);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
