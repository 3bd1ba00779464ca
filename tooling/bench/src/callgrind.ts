/**
 * Instructions per call of the consistent-hash rows, counted by valgrind's callgrind (repeatable
 * where timings on a shared machine are not). Each row runs twice under callgrind, both times
 * `WARM_CALLS` calls and a full collection, then `BASE_CALLS` or `BASE_CALLS + MEASURED_CALLS`
 * calls; the difference divided by `MEASURED_CALLS` is the steady-state cost of a call,
 * start-up and JIT warm-up cancelled out. The base calls after the collection matter: with 0,
 * every row read ~2,500 instructions per call more than without the collection (the floor:
 * 3,796 against 1,250), most likely work the collection leaves for later (lazy sweeping in a
 * single-threaded V8) falling in the measured run only. Any scenario's rows can be counted (e.g. `--rows flipper-sync plain`).
 * Usage: node dist/callgrind.js [--rows flipper-sync,unleash] [scenario-id...]
 * (default: the flipper rows of every hash scenario, then the floor once; about 30 s a run).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DRIVER = fileURLToPath(new URL('./callgrind-driver.js', import.meta.url));
const WARM_CALLS = 20_000;
const BASE_CALLS = 10_000;
// 200,000 rather than 40,000: a collection or sweep landing in one of the two runs only moved
// the count per call by 2,000-3,000 instructions at 40,000 (rows came out negative).
const MEASURED_CALLS = 200_000;
const SCENARIOS = ['consistent-hash', 'hash-uuid', 'hash-email', 'hash-two-keys', 'hash-wide-checks', 'hash-some-missing'];
const DEFAULT_ROWS = ['flipper-sync', 'flipper-async'];

async function instructions(scenario: string, row: string, calls: number): Promise<number> {
  const args = ['--expose-gc', '--single-threaded', DRIVER, scenario, row, String(WARM_CALLS), String(calls)];
  // --single-threaded keeps the compiler and the collector on the main thread, so each run does
  // the same work; callgrind's summary line on stderr carries the total.
  const { stderr } = await run(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args],
    // Redis rows: valgrind makes every command far slower than the store's default timeout.
    { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, FLIPPER_BENCH_COMMAND_TIMEOUT_MS: '60000' } },
  );
  const match = /Collected : (\d+)/.exec(stderr);
  if (match === null) throw new Error(`no instruction count for ${scenario} ${row}:\n${stderr}`);
  return Number(match[1]);
}

async function perCall(scenario: string, row: string): Promise<string> {
  try {
    // One run after the other: callgrind is slow, and the machine has other work.
    const warm = await instructions(scenario, row, BASE_CALLS);
    const total = await instructions(scenario, row, BASE_CALLS + MEASURED_CALLS);
    return `${row} ${Math.round((total - warm) / MEASURED_CALLS)}`;
  } catch (error) {
    return `${row} error (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rowsAt = args.indexOf('--rows');
  const rows = rowsAt === -1 ? DEFAULT_ROWS : (args.splice(rowsAt, 2)[1] ?? '').split(',');
  const scenarios = args.length > 0 ? args : SCENARIOS;
  process.stdout.write(`instructions per call (callgrind, ${MEASURED_CALLS.toLocaleString('en-US')} calls after ${WARM_CALLS.toLocaleString('en-US')})\n`);
  for (const scenario of scenarios) {
    const cells: string[] = [];
    for (const row of rows) cells.push(await perCall(scenario, row));
    process.stdout.write(`  ${scenario.padEnd(18)} ${cells.join('  ')}\n`);
  }
  if (rowsAt === -1 && args.length === 0) process.stdout.write(`  ${'floor'.padEnd(18)} ${await perCall('hash-uuid', 'floor')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
