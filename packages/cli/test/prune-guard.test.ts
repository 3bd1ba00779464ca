import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { flipper, flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { tempDirectory } from './support/temp-dir.js';

const directory = tempDirectory('prune-guard');
const inDir = { cwd: directory };

describe('--prune with an empty source', () => {
  it('import refuses an empty file, changes nothing, and deletes everything only with --allow-empty', async () => {
    writeFileSync(join(directory, 'seed.jsonl'), asJsonLines(seedItems(3, 'KEEP')));
    await flipperOk(['import', 'seed.jsonl', '--store', 'file:target.json'], inDir);
    const before = readFileSync(join(directory, 'target.json'), 'utf8');
    writeFileSync(join(directory, 'empty.jsonl'), '');

    const refused = await flipper(['import', 'empty.jsonl', '--prune', '--store', 'file:target.json'], inDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('empty.jsonl has no flags: --prune would delete all 3 flags of the target; nothing was changed (pass --allow-empty');
    expect(readFileSync(join(directory, 'target.json'), 'utf8')).toBe(before);

    const allowed = await flipperOk(['import', 'empty.jsonl', '--prune', '--allow-empty', '--store', 'file:target.json'], inDir);
    expect(allowed.stderr).toContain('--prune: deleting 3 flags that empty.jsonl does not have');
    expect(JSON.parse(readFileSync(join(directory, 'target.json'), 'utf8'))).toEqual({});
  });

  it('import refuses an unreadable file with exit 2 before touching the store', async () => {
    const missing = await flipper(['import', 'no-such-file.jsonl', '--prune', '--store', 'file:untouched.json'], inDir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no-such-file.jsonl');
  });

  it('import says how many flags the prune deletes before it does', async () => {
    writeFileSync(join(directory, 'two.jsonl'), asJsonLines(seedItems(2, 'TWO')));
    writeFileSync(join(directory, 'one.jsonl'), asJsonLines(seedItems(1, 'TWO')));
    await flipperOk(['import', 'two.jsonl', '--store', 'file:pruned.json'], inDir);
    const run = await flipperOk(['import', 'one.jsonl', '--prune', '--store', 'file:pruned.json'], inDir);
    expect(run.stderr).toContain('--prune: deleting 1 flag that one.jsonl does not have');
  });

  it('copy refuses an empty source store the same way', async () => {
    writeFileSync(join(directory, 'copy-seed.jsonl'), asJsonLines(seedItems(2, 'COPY')));
    await flipperOk(['import', 'copy-seed.jsonl', '--store', 'file:copy-target.json'], inDir);
    writeFileSync(join(directory, 'empty-source.json'), '{}');
    const refused = await flipper(['copy', '--from', 'file:empty-source.json', '--to', 'file:copy-target.json', '--prune'], inDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('has no flags: --prune would delete all 2 flags of the target');
    expect(Object.keys(JSON.parse(readFileSync(join(directory, 'copy-target.json'), 'utf8')))).toHaveLength(2);
  });
});
