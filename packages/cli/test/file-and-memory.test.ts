import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { flipper, flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { tempDirectory } from './support/temp-dir.js';

const directory = tempDirectory('file');
const inDir = { cwd: directory };

describe('the memory store', () => {
  it('starts empty in every command, as a table and as JSON, from --store or FLIPPER_STORE', async () => {
    expect(await flipper(['list', '--store', 'memory:'])).toEqual({ code: 0, stdout: 'no flags\n', stderr: '' });
    expect((await flipperOk(['list', '--json'], { env: { FLIPPER_STORE: 'memory:' } })).stdout).toBe('[]\n');
  });

  it('is a copy target that is verified like any other', async () => {
    const seed = join(directory, 'memory-seed.jsonl');
    writeFileSync(seed, asJsonLines(seedItems(5, 'MEM')));
    await flipperOk(['import', seed, '--store', 'file:memory-seed.json'], inDir);
    const copied = await flipperOk(['copy', '--from', 'file:memory-seed.json', '--to', 'memory:'], inDir);
    expect(copied.stdout).toBe(
      [
        'file:memory-seed.json → memory: (5 flags)',
        '  created   5',
        '  updated   0',
        '  unchanged 0',
        '  deleted   0',
        "verified: the target holds the source's 5 documents, byte for byte",
        '',
      ].join('\n'),
    );
  });
});

describe('the file store, command by command', () => {
  const store = ['--store', 'file:flags.json'];
  const ok = (...args: string[]) => flipperOk([...args, ...store], inDir);
  const fileText = (): string => readFileSync(join(directory, 'flags.json'), 'utf8');

  it('writes each change to the file as the stored document, and prints it with --json', async () => {
    const created = await ok('create', 'DARK_MODE', '--enabled', '--json');
    const document = created.stdout.trimEnd();
    expect(JSON.parse(document)).toMatchObject({ feature_name: 'DARK_MODE', is_enabled: true, meta: { client_data: {}, conditions: [], bucketer: { type: 'NoOpBucketer' } } });
    expect(fileText()).toBe(`{\n"DARK_MODE": ${document}\n}\n`);
    expect((await ok('show', 'DARK_MODE', '--json')).stdout).toBe(created.stdout);
    expect((await ok('list', '--json')).stdout).toBe(`[\n${document}\n]\n`);
    expect((await ok('export', '--format', 'json')).stdout).toBe(fileText());
    expect((await ok('export')).stdout).toBe(`${document}\n`);

    const evaluated = JSON.parse((await ok('eval', 'DARK_MODE', 'user_id=7', '--json')).stdout);
    expect(evaluated).toEqual({ featureName: 'DARK_MODE', enabled: true, reason: { kind: 'always_on' }, description: 'on: enabled, with no conditions or bucketer' });
    expect(JSON.parse((await ok('destroy', 'DARK_MODE', '--json')).stdout)).toEqual({ feature_name: 'DARK_MODE', destroyed: true });
    expect(fileText()).toBe('{}\n');
  });

  it('shows a flag in words: state, client data, each condition and the bucketer', async () => {
    await ok('create', 'HORSES');
    await ok('condition', 'add', 'HORSES', 'is_horse_lover=true');
    await ok('condition', 'add', 'HORSES', 'number_of_horses_owned__gt=9000', 'location__ne=city', 'breed__in=["Stallion","Mare"]');
    await ok('data', 'set', 'HORSES', 'owner=stables', 'version="2"');
    await ok('bucketer', 'set', 'HORSES', '--percentage', '0.8', '--ramp-from', '20%', '--ramp-start', '1700000000', '--ramp-end', '1700001800');
    const lines = (await ok('show', 'HORSES')).stdout.split('\n');
    expect(lines[0]).toBe('HORSES');
    expect(lines[1]).toBe('  enabled:     no');
    expect(lines[3]).toBe('  client data: {"owner": "stables", "version": "2"}');
    expect(lines[4]).toBe('  conditions:  1. is_horse_lover = true');
    expect(lines[5]).toBe('               2. number_of_horses_owned > 9000, location != "city", breed in ["Stallion", "Mare"]');
    expect(lines[6]).toBe('  bucketer:    ramp 20% → 80% from 2023-11-14 22:13:20 UTC to 2023-11-14 22:43:20 UTC (now 80%), random');
    const stored = JSON.parse((await ok('show', 'HORSES', '--json')).stdout);
    expect(stored.meta.bucketer).toEqual({
      type: 'PercentageBucketer',
      percentage: { type: 'LinearRampPercentage', initial_value: 0.2, final_value: 0.8, ramp_duration: 1800, initial_time: 1700000000 },
    });
    // The seed README's example, through the command line.
    await ok('enable', 'HORSES');
    expect((await ok('eval', 'HORSES', 'is_horse_lover=true', 'number_of_horses_owned=8000')).stdout).toBe(
      'off: number_of_horses_owned=8000 fails number_of_horses_owned gt 9000 (condition 2)\n',
    );
    expect((await ok('eval', 'HORSES', 'is_horse_lover=true')).stdout).toBe('on: condition 1 matched\n');
  });

  it('answers an eval of a missing flag with the default and exit code 1', async () => {
    const missing = await flipper(['eval', 'NOPE', 'user_id=1', ...store], inDir);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('off: no such flag, so the default\n');
    expect(missing.stderr).toContain('flag "NOPE": does not exist');
    expect((await flipper(['eval', 'NOPE', '--default', ...store], inDir)).stdout).toBe('on: no such flag, so the default\n');
  });

  it('exports a backup that is itself a file store, and imports it elsewhere', async () => {
    await flipperOk(['export', '--output', 'backup.json', ...store], inDir);
    expect(readFileSync(join(directory, 'backup.json'), 'utf8')).toBe(fileText());
    const restored = await flipperOk(['import', '-', '--store', 'file:restored.json'], { ...inDir, input: (await ok('export')).stdout });
    expect(restored.stdout).toContain('created   1');
    expect(readFileSync(join(directory, 'restored.json'), 'utf8')).toBe(fileText());
    expect((await flipperOk(['list', '--store', 'file:backup.json'], inDir)).stdout).toMatch(/^NAME .*\nHORSES\s+on\s+2\s+ramp 20% → 80%/);
  });
});

describe('import --dry-run', () => {
  it('lists what would change and changes nothing; the real import then does exactly that', async () => {
    const seed = seedItems(20, 'DRY');
    writeFileSync(join(directory, 'dry-seed.jsonl'), asJsonLines(seed));
    await flipperOk(['import', 'dry-seed.jsonl', '--store', 'file:dry.json'], inDir);
    const before = readFileSync(join(directory, 'dry.json'), 'utf8');

    const changed = [...seed.slice(0, 19)];
    changed[1] = changed[1]!.withEnabled(!changed[1]!.enabled);
    changed[4] = changed[4]!.withMeta(changed[4]!.meta.with({ clientData: { owner: 'someone else' } }));
    changed.push(...seedItems(21, 'DRY').slice(20));
    const changedText = asJsonLines(changed);
    writeFileSync(join(directory, 'dry-changed.jsonl'), changedText);

    const dry = await flipperOk(['import', 'dry-changed.jsonl', '--dry-run', '--prune', '--store', 'file:dry.json'], inDir);
    expect(dry.stdout).toBe(
      [
        'update  DRY_00001 (is_enabled)',
        'update  DRY_00004 (client_data)',
        'create  DRY_00020',
        'delete  DRY_00019',
        'dry run: 1 to create, 2 to update, 17 unchanged, 1 to delete; nothing was changed',
        '',
      ].join('\n'),
    );
    expect(JSON.parse((await flipperOk(['import', 'dry-changed.jsonl', '--dry-run', '--prune', '--json', '--store', 'file:dry.json'], inDir)).stdout)).toEqual({
      dry_run: true,
      create: ['DRY_00020'],
      update: [
        { feature_name: 'DRY_00001', changed: ['is_enabled'] },
        { feature_name: 'DRY_00004', changed: ['client_data'] },
      ],
      delete: ['DRY_00019'],
      unchanged: 17,
    });
    expect(readFileSync(join(directory, 'dry.json'), 'utf8')).toBe(before);

    const real = JSON.parse((await flipperOk(['import', 'dry-changed.jsonl', '--prune', '--json', '--store', 'file:dry.json'], inDir)).stdout);
    expect(real).toMatchObject({ created: 1, updated: 2, unchanged: 17, deleted: 1, verified: 20 });
    expect((await flipperOk(['export', '--store', 'file:dry.json'], inDir)).stdout).toBe(changedText);
  });
});
