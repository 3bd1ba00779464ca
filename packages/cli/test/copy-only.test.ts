import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { productionItems, STAGING } from './support/environments.js';
import { flipper, flipperOk } from './support/run-flipper.js';
import { asJsonLines } from './support/seed-flags.js';
import { startServices, type Services } from './support/services.js';
import { tempDirectory } from './support/temp-dir.js';

// Promotion of chosen flags from staging (a file) to production (Redis): the same plan, dry run
// and verified write as a whole copy, limited to the flags --only names or --match selects.
const directory = tempDirectory('copy-only');
let services: Services;
let space = 0;
const STAGING_URL = 'file:staging.json';
const run = (args: readonly string[]) => flipper(args, { cwd: directory });
const ok = (args: readonly string[]) => flipperOk(args, { cwd: directory });
const exportOf = async (url: string): Promise<string> => (await ok(['export', '--store', url])).stdout;
const namesIn = async (url: string): Promise<string[]> => (await exportOf(url)).trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { feature_name: string }).feature_name);

/** A production store of its own for each test, holding `productionItems()`. */
async function production(): Promise<string> {
  const url = `${services.redis.url}?base-key=production-${++space}`;
  await ok(['import', 'production.jsonl', '--store', url]);
  return url;
}

beforeAll(async () => {
  services = await startServices([]);
  writeFileSync(join(directory, 'staging.jsonl'), asJsonLines(STAGING));
  writeFileSync(join(directory, 'production.jsonl'), asJsonLines(productionItems()));
  await ok(['import', 'staging.jsonl', '--store', STAGING_URL]);
}, 60_000);

afterAll(async () => {
  await services?.stop();
});

describe('copy --only and --match', () => {
  it('--dry-run plans only the chosen flags and writes nothing', async () => {
    const target = await production();
    const before = await exportOf(target);
    const plan = await run(['copy', '--from', STAGING_URL, '--to', target, '--only', 'ENV_00000', 'ENV_00004', '--dry-run']);
    expect([plan.code, plan.stdout, plan.stderr]).toEqual([
      0,
      'update  ENV_00000 (is_enabled)\ncreate  ENV_00004\ndry run: 1 to create, 1 to update, 0 unchanged, 0 to delete; nothing was changed\n',
      '',
    ]);
    const json = await run(['copy', '--from', STAGING_URL, '--to', target, '--match', 'ENV_0000[', '--match', 'ENV_0000?', '--dry-run', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      dry_run: true,
      create: ['ENV_00004'],
      update: [
        { feature_name: 'ENV_00000', changed: ['is_enabled'] },
        { feature_name: 'ENV_00001', changed: ['conditions'] },
        { feature_name: 'ENV_00002', changed: ['bucketer'] },
        { feature_name: 'ENV_00003', changed: ['client_data'] },
      ],
      delete: [],
      unchanged: 1,
    });
    expect(await exportOf(target)).toBe(before);
  });

  it('writes the chosen flags, verifies them, and leaves every other flag as it was', async () => {
    const target = await production();
    const untouched = (await exportOf(target)).split('\n').filter((line) => !line.includes('"ENV_00001"'));
    const copied = await run(['copy', '--from', STAGING_URL, '--to', target, '--only', 'ENV_00001', '--json']);
    expect(copied.code).toBe(0);
    expect(JSON.parse(copied.stdout)).toEqual({ source: STAGING_URL, target, flags: 1, created: 0, updated: 1, unchanged: 0, deleted: 0, verified: 1 });
    const after = await exportOf(target);
    expect(after).toContain(asJsonLines(STAGING.filter((item) => item.featureName === 'ENV_00001')));
    expect(after.split('\n').filter((line) => !line.includes('"ENV_00001"'))).toEqual(untouched);
    expect((await run(['diff', '--from', STAGING_URL, '--to', target, '--only', 'ENV_00001'])).code).toBe(0);
  });

  it('--match selects by glob; with --prune it deletes only selected flags the source lacks', async () => {
    const target = await production();
    const promoted = await run(['copy', '--from', STAGING_URL, '--to', target, '--match', 'ENV_PROD_*', '--match', 'ENV_0000[0]', '--prune']);
    // `[` is no glob character: ENV_0000[0] selects nothing; ENV_PROD_* selects the flag staging lacks.
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toMatch(/created\s+0\n\s+updated\s+0\n\s+unchanged\s+0\n\s+deleted\s+1\n/);
    expect(await namesIn(target)).toEqual(['ENV_00000', 'ENV_00001', 'ENV_00002', 'ENV_00003', 'ENV_00005']);
  });

  it('refuses a flag the source does not have (1) and bad usage (2), writing nothing', async () => {
    const target = await production();
    const before = await exportOf(target);
    const typo = await run(['copy', '--from', STAGING_URL, '--to', target, '--only', 'ENV_00000', 'ENV_TYPO']);
    expect([typo.code, typo.stderr]).toEqual([
      1,
      `flipper: copy --only: flag "ENV_TYPO": not in ${STAGING_URL} (--prune deletes such flags from the target); nothing was written\n`,
    ]);
    const none = await run(['copy', '--from', STAGING_URL, '--to', target, '--match', 'NOTHING_*']);
    expect([none.code, none.stderr]).toEqual([1, 'flipper: copy: --only/--match selects no flag in the source (nor, with --prune, in the target); nothing was written\n']);
    const empty = await run(['copy', '--from', STAGING_URL, '--to', target, '--match', '']);
    expect(empty.code).toBe(2);
    const bare = await run(['copy', '--from', STAGING_URL, '--to', target, '--only']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("option '--only <names...>' argument missing");
    expect(await exportOf(target)).toBe(before);
  });

  it('--only NAME --prune promotes a deletion: the flag goes from the target, nothing else does', async () => {
    const target = await production();
    const removed = await run(['copy', '--from', STAGING_URL, '--to', target, '--only', 'ENV_PROD_ONLY', '--prune']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('verified: the target holds the source\'s 0 documents, byte for byte');
    expect(await namesIn(target)).toEqual(['ENV_00000', 'ENV_00001', 'ENV_00002', 'ENV_00003', 'ENV_00005']);
    // The staging file itself was only read.
    expect(readFileSync(join(directory, 'staging.json'), 'utf8')).toContain('"ENV_00004"');
  });
});
