import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { isGlobalInstall } from '../src/stores/optional-package.js';
import { flipper } from './support/run-flipper.js';
import { tempDirectory } from './support/temp-dir.js';

/* What a new user meets first: a Redis that is not running, the help of one command, a missing store package. */
describe('a Redis that refuses the connection', () => {
  it('ends the command at once with exit 3 and "connection refused", not after --timeout', async () => {
    // A ten-minute --timeout: were the command to wait for it, the run would be killed (code null).
    const run = await flipper(['list', '--store', 'redis://127.0.0.1:1', '--timeout', '600000'], { timeoutMs: 15_000 });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 3, stderr: 'flipper: redis store redis://127.0.0.1:1: connection refused (ECONNREFUSED)\n' });
  });

  it('names the store without its password', async () => {
    const run = await flipper(['list', '--store', 'redis://user:s3cret@127.0.0.1:1', '--timeout', '600000'], { timeoutMs: 15_000 });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('connection refused');
    expect(run.stderr).not.toContain('s3cret');
  });
});

describe('the help of a command', () => {
  it.each([['list'], ['show'], ['condition', 'add'], ['copy']])('%s has the "Store URLs" section its --store option points at', async (...command) => {
    const run = await flipper([...command, '--help']);
    // Commander wraps the option's description where the help is wide.
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('see "Store URLs" below');
    expect(run.stdout).toContain('Store URLs (--store, or the FLIPPER_STORE environment variable):\n  memory:\n  file:PATH\n  redis://');
  });
});

describe('the install line of a missing store package', () => {
  const root = tempDirectory('install-kind');
  const cliIn = (...parts: string[]): string => {
    const dir = join(root, ...parts, 'node_modules', '@flipper-client', 'cli');
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it('says npm install -g for a CLI installed with npm install -g (<prefix>/lib/node_modules, <prefix>/bin/flipper)', () => {
    const dir = cliIn('prefix', 'lib');
    mkdirSync(join(root, 'prefix', 'bin'), { recursive: true });
    writeFileSync(join(root, 'prefix', 'bin', 'flipper'), '');
    expect(isGlobalInstall(dir)).toBe(true);
  });

  it("says npm install for a project's own node_modules", () => {
    const dir = cliIn('project');
    mkdirSync(join(root, 'project', 'node_modules', '.bin'), { recursive: true });
    writeFileSync(join(root, 'project', 'node_modules', '.bin', 'flipper'), '');
    expect(isGlobalInstall(dir)).toBe(false);
    expect(isGlobalInstall(cliIn('lib-without-bin', 'lib'))).toBe(false);
  });
});

describe('a ramp in the summary of a bucketer', () => {
  const directory = tempDirectory('ramp-summary');
  it('is set off from the kind of bucketing with a comma', async () => {
    const run = (...args: string[]) => flipper([...args, '--store', 'file:flags.json'], { cwd: directory });
    await run('create', 'NEW_CHECKOUT');
    const set = await run('bucketer', 'set', 'NEW_CHECKOUT', '--percentage', '0.8', '--consistent', 'user_id', '--ramp-from', '20%', '--ramp-start', '1700000000', '--ramp-end', '1700001800');
    expect(set.stdout).toBe('NEW_CHECKOUT: bucketer ramp 20% → 80% from 2023-11-14 22:13:20 UTC to 2023-11-14 22:43:20 UTC (now 80%), consistent hash on user_id\n');
    expect((await run('list')).stdout).toContain('(now 80%), consistent hash on user_id');
  });
});
