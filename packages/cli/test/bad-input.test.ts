import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { flipper, flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { tempDirectory } from './support/temp-dir.js';

const directory = tempDirectory('bad-input');
const inDir = { cwd: directory };
const store = ['--store', 'file:flags.json'];
const fileText = (): string => readFileSync(join(directory, 'flags.json'), 'utf8');

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  writeFileSync(join(directory, 'seed.jsonl'), asJsonLines(seedItems(3, 'F')));
  await flipperOk(['import', 'seed.jsonl', ...store], inDir);
});

/** Runs a command that must fail with `code` and leave the file store's bytes as they were. */
async function refused(code: number, args: readonly string[], options: { input?: string } = {}): Promise<string> {
  const before = fileText();
  const run = await flipper([...args, ...store], { ...inDir, ...options });
  expect({ code: run.code, stdout: run.stdout }).toEqual({ code, stdout: '' });
  expect(fileText()).toBe(before);
  expect(run.stderr).toMatch(/^flipper: /);
  return run.stderr;
}

describe('bad arguments: exit code 2, a message naming the flag and the cause, the store untouched', () => {
  it('an unknown operator', async () => {
    const stderr = await refused(2, ['condition', 'add', 'F_00001', 'age__regex=1']);
    expect(stderr).toContain('flag "F_00001": condition add:');
    expect(stderr).toContain('regex');
  });

  it.each([
    ['1.5', 'must be a share in [0, 1], got 1.5'],
    ['25', 'for 25 percent write 25% or 0.25'],
    ['lots', 'must be a share in [0, 1] such as 0.25, or a percent such as 25%, got "lots"'],
    ['-10%', 'must be a share in [0, 1], got -10%'],
  ])('a bad percentage: %s', async (percentage, cause) => {
    const stderr = await refused(2, ['bucketer', 'set', 'F_00001', '--percentage', percentage]);
    expect(stderr).toContain('flag "F_00001": bucketer set: --percentage');
    expect(stderr).toContain(cause);
  });

  it.each([
    [['bucketer', 'set', 'F_00001'], '--percentage is required'],
    [['bucketer', 'set', 'F_00001', '--percentage', '1', '--ramp-end', 'tomorrowish'], '--ramp-end must be now, +30m'],
    [['bucketer', 'set', 'F_00001', '--percentage', '1', '--ramp-start', '+2h', '--ramp-end', '+1h'], '--ramp-end comes before --ramp-start'],
    [['bucketer', 'set', 'F_00001', '--percentage', '1', '--ramp-from', '2', '--ramp-end', '+1h'], '--ramp-from must be a share in [0, 1]'],
    [['bucketer', 'set', 'F_00001', '--percentage', '1', '--ramp-from', '0.5'], 'a ramp needs --ramp-end'],
    [['data', 'set', 'F_00001', 'owner'], 'expected key=value, got "owner"'],
    [['data', 'set', 'F_00001', '__proto__=1'], '"__proto__"'],
    [['condition', 'add', 'F_00001', 'tags__in=["a",'], 'the value of tags__in starts like JSON but is not JSON'],
    [['condition', 'add', 'F_00001'], 'missing required argument'],
    [['eval', 'F_00001', 'x=1', '--unmatched-conditions', 'maybe'], '--unmatched-conditions must be bucket or enable'],
  ])('%j', async (args, cause) => {
    expect(await refused(2, args)).toContain(cause);
  });

  it('an unknown command, option or store URL', async () => {
    expect(await refused(2, ['frobnicate'])).toContain("unknown command 'frobnicate'");
    expect(await refused(2, ['list', '--colour'])).toContain("unknown option '--colour'");
    const url = await flipper(['list', '--store', 'ftp://example']);
    expect(url.code).toBe(2);
    expect(url.stderr).toContain('unknown scheme "ftp:"');
    const prefix = await flipper(['list', '--store', 's3://bucket/%E0%A4%A']);
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toContain('the key prefix is not valid percent-encoding');
    const none = await flipper(['list']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no store given: pass --store URL or set FLIPPER_STORE');
  });
});

describe('flag-level errors: exit code 1', () => {
  it('a malformed import file names the line, the flag and the cause, and writes nothing', async () => {
    const lines = asJsonLines(seedItems(6, 'NEW')).split('\n');
    lines[2] = '{"feature_name": "NEW_00002", "is_enabled": tr';
    lines[5] = lines[5]!.replace('"NoOpBucketer"', '"MysteryBucketer"');
    writeFileSync(join(directory, 'malformed.jsonl'), lines.join('\n'));
    const stderr = await refused(1, ['import', 'malformed.jsonl']);
    expect(stderr).toContain('malformed.jsonl line 3: not valid JSON');
    expect(stderr).toContain('malformed.jsonl line 6: flag "NEW_00005": stored document is invalid at meta.bucketer.type: unknown bucketer type "MysteryBucketer"');
    expect(stderr).toContain('malformed.jsonl: 2 problems (above); nothing was written');
  });

  it('a file that is not JSON at all, and one flag twice', async () => {
    expect(await refused(1, ['import', '-'], { input: 'name,enabled\nF,true\n' })).toContain('stdin line 1: not valid JSON');
    const twice = asJsonLines(seedItems(1, 'TWICE')).repeat(2);
    expect(await refused(1, ['import', '-'], { input: twice })).toContain('stdin line 2: flag "TWICE_00000" is already at stdin line 1');
  });

  it('a stored document that does not decode: named, skipped by list, refused by copy before anything is written', async () => {
    writeFileSync(join(directory, 'corrupt.json'), `{\n"BAD": {"feature_name": "BAD", "is_enabled": "yes"},\n"GOOD": ${asJsonLines(seedItems(1, 'GOOD')).trim().replace('GOOD_00000', 'GOOD')}\n}\n`);
    const show = await flipper(['show', 'BAD', '--store', 'file:corrupt.json'], inDir);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain('flag "BAD": stored document is invalid at is_enabled: expected a boolean');
    const list = await flipper(['list', '--store', 'file:corrupt.json'], inDir);
    expect(list.code).toBe(1);
    expect(list.stdout).toMatch(/\nGOOD\s+on/);
    expect(list.stderr).toContain('flag "BAD": stored document is invalid');
    const copy = await flipper(['copy', '--from', 'file:corrupt.json', '--to', 'file:never.json'], inDir);
    expect(copy.code).toBe(1);
    expect(copy.stderr).toContain('nothing was written');
    expect(() => readFileSync(join(directory, 'never.json'))).toThrow();
  });
});

describe('an unreachable store: exit code 3, naming the store', () => {
  it.each([
    ['redis', (port: number) => `redis://127.0.0.1:${port}`, 'redis store'],
    ['consul', (port: number) => `consul://127.0.0.1:${port}/features`, 'consul store'],
    ['thrift', (port: number) => `thrift://127.0.0.1:${port}`, 'thrift store'],
  ])('%s', async (_kind, url, named) => {
    const target = url(await closedPort());
    for (const args of [['list'], ['enable', 'F_00001'], ['copy', '--from', 'file:flags.json', '--to', target]]) {
      const run = await flipper([...args, ...(args[0] === 'copy' ? [] : ['--store', target]), '--timeout', '500'], inDir);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(named);
    }
  });

  it('s3', async () => {
    const port = await closedPort();
    const run = await flipper(['list', '--store', 's3://flags', '--timeout', '500'], {
      env: { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('s3 store: list failed');
  });
});
