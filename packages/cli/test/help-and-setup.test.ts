import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { childEnv, FLIPPER_BIN, flipper, flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { tempDirectory } from './support/temp-dir.js';

const run = promisify(execFile);
const directory = tempDirectory('setup');
const COMMANDS = [
  ['list'], ['show'], ['create'], ['enable'], ['disable'], ['destroy'], ['condition', 'add'], ['condition', 'clear'],
  ['bucketer', 'set'], ['bucketer', 'clear'], ['data', 'set'], ['eval'], ['export'], ['import'], ['copy'], ['watch'], ['completion'],
];

describe('--help', () => {
  it('describes the store URLs, the typing of values and the exit codes, with examples', async () => {
    const help = await flipperOk(['--help']);
    for (const part of ['Store URLs', 'redis+cluster://', 'Values in key=value', 'Exit codes', 'Examples:']) expect(help.stdout).toContain(part);
  });

  it.each(COMMANDS.map((command) => [command.join(' '), command] as const))('flipper %s --help has examples and the global options', async (_title, command) => {
    const help = await flipperOk([...command, '--help']);
    expect(help.stdout).toMatch(new RegExp(`^Usage: flipper ${command.join(' ')}`));
    expect(help.stdout).toContain(`Examples:\n  $ `);
    expect(help.stdout).toContain(command[0] === 'completion' ? 'completion bash' : `flipper ${command.join(' ')}`);
    expect(help.stdout).toContain('--store <url>');
  });

  it('a command group without its subcommand is bad usage', async () => {
    const bare = await flipper(['condition']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: flipper condition');
  });
});

describe('shell completion', () => {
  const complete = async (words: string[]): Promise<string[]> => {
    const script = `source <("${process.execPath}" "${FLIPPER_BIN}" completion bash); COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _flipper; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const { stdout } = await run('bash', ['-c', script], { env: childEnv() });
    return stdout.split('\n').filter((line) => line !== '');
  };

  it('completes commands, subcommands, options and store URL schemes in bash', async () => {
    expect(await complete(['flipper', 'co'])).toEqual(['condition', 'copy', 'completion']);
    expect(await complete(['flipper', 'bucketer', ''])).toEqual(['set', 'clear']);
    expect(await complete(['flipper', 'bucketer', 'set', 'F', '--per'])).toEqual(['--percentage']);
    expect(await complete(['flipper', 'list', '--store', 're'])).toEqual(['redis://', 'rediss://', 'redis+cluster://']);
  });

  it('writes zsh and fish scripts too, and refuses other shells', async () => {
    expect((await flipperOk(['completion', 'zsh'])).stdout).toContain('bashcompinit');
    expect((await flipperOk(['completion', 'fish'])).stdout).toContain("complete -c flipper -n '__fish_use_subcommand' -a copy");
    const other = await flipper(['completion', 'tcsh']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('shells are bash, zsh and fish');
  });
});

describe('store packages are optional', () => {
  it('a URL whose store package is not installed names the package to install', async () => {
    // An install of the CLI with only its own dependencies: the core, the file store and commander.
    const cliDir = join(directory, 'app', 'node_modules', '@flipper-client', 'cli');
    const packageDir = dirname(dirname(FLIPPER_BIN));
    mkdirSync(cliDir, { recursive: true });
    cpSync(join(packageDir, 'dist'), join(cliDir, 'dist'), { recursive: true });
    cpSync(join(packageDir, 'package.json'), join(cliDir, 'package.json'));
    const modules = join(directory, 'app', 'node_modules');
    symlinkSync(realpathSync(join(packageDir, 'node_modules', '@flipper-client', 'core')), join(modules, '@flipper-client', 'core'));
    symlinkSync(realpathSync(join(packageDir, 'node_modules', '@flipper-client', 'store-file')), join(modules, '@flipper-client', 'store-file'));
    symlinkSync(realpathSync(join(packageDir, 'node_modules', 'commander')), join(modules, 'commander'));
    const bin = join(cliDir, 'dist', 'bin.js');
    const lonely = (store: string) => run(process.execPath, [bin, 'list', '--store', store], { env: childEnv() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    const redis = await lonely('redis://127.0.0.1:6379');
    expect(redis.code).toBe(2);
    expect(redis.stderr).toBe(
      'flipper: the redis store needs the package @flipper-client/store-redis, which is not installed. Install: npm install @flipper-client/store-redis ioredis\n',
    );
    for (const [url, name] of [['consul://127.0.0.1:8500', '@flipper-client/store-consul'], ['s3://b', '@flipper-client/store-s3'], ['thrift://127.0.0.1:9090', '@flipper-client/store-thrift']]) {
      expect((await lonely(url!)).stderr).toContain(`needs the package ${name}, which is not installed`);
    }
    // The memory and file stores need nothing else.
    writeFileSync(join(directory, 'app', 'flags.json'), '{}\n');
    expect((await run(process.execPath, [bin, 'list', '--store', `file:${join(directory, 'app', 'flags.json')}`], { env: childEnv() })).stdout).toBe('no flags\n');
  });
});

describe('the progress bar', () => {
  it('is drawn on a terminal for more than a few hundred flags, and never into a pipe', async () => {
    writeFileSync(join(directory, 'many.jsonl'), asJsonLines(seedItems(400, 'MANY')));
    const command = `"${process.execPath}" "${FLIPPER_BIN}" import many.jsonl --store file:tty.json`;
    // `script` gives the command a terminal and copies what it shows to stdout.
    const { stdout: terminal } = await run('script', ['-qec', command, '/dev/null'], { cwd: directory, env: childEnv() });
    // eslint-disable-next-line no-control-regex -- the terminal's clear-line sequence is what is tested
    expect(terminal).toMatch(/\r\x1b\[2Kwrite \[#+\.*\] \d+\/400 \d+% [\d,]+\/s/);
    expect(terminal).toContain('created   400');
    const piped = await flipperOk(['import', 'many.jsonl', '--store', 'file:pipe.json'], { cwd: directory });
    expect(piped.stderr).toBe('');
    const quiet = await run('script', ['-qec', `${command.replace('tty.json', 'quiet.json')} --no-progress`, '/dev/null'], { cwd: directory, env: childEnv() });
    expect(quiet.stdout).not.toContain('\x1b[2K');
  });
});

