import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { environmentUrl, expectedDiffLines, productionItems, STAGING, STORE_KINDS, type StoreKind } from './support/environments.js';
import { flipper, flipperOk } from './support/run-flipper.js';
import { asJsonLines } from './support/seed-flags.js';
import { startServices, type Services } from './support/services.js';
import { tempDirectory } from './support/temp-dir.js';

const directory = tempDirectory('diff');
const PAIRS = STORE_KINDS.flatMap((from) => STORE_KINDS.filter((to) => to !== from).map((to) => [from, to] as const));
const bucket = (from: StoreKind, to: StoreKind, side: string): string => `${side}-${from}-${to}`;

let services: Services;
const url = (kind: StoreKind, space: string): string => environmentUrl(services, directory, kind, space);
const run = (args: readonly string[]) => flipper([...args, '--timeout', '20000'], { env: services.s3Env, cwd: directory });
const ok = (args: readonly string[]) => flipperOk([...args, '--timeout', '20000'], { env: services.s3Env, cwd: directory });

beforeAll(async () => {
  services = await startServices([...PAIRS.flatMap(([from, to]) => [bucket(from, to, 'staging'), bucket(from, to, 'production')]), 'ci-staging', 'errors']);
  writeFileSync(join(directory, 'staging.jsonl'), asJsonLines(STAGING));
  writeFileSync(join(directory, 'production.jsonl'), asJsonLines(productionItems()));
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

describe('flipper diff between every pair of file, Redis, Consul and S3 stores', () => {
  it.each(PAIRS)('%s → %s: equal (0), then each difference in words (1), then equal again after copy --only and copy', async (from, to) => {
    const staging = url(from, bucket(from, to, 'staging'));
    const production = url(to, bucket(from, to, 'production'));
    await ok(['import', 'staging.jsonl', '--store', staging]);
    await ok(['import', 'staging.jsonl', '--store', production]);
    const equal = await run(['diff', '--from', staging, '--to', production]);
    expect([equal.code, equal.stdout, equal.stderr]).toEqual([0, `equal: ${staging} and ${production} hold the same 6 flags\n`, '']);

    await ok(['import', 'production.jsonl', '--prune', '--store', production]);
    const differs = await run(['diff', '--from', staging, '--to', production]);
    expect([differs.code, differs.stderr]).toEqual([1, '']);
    expect(differs.stdout.trimEnd().split('\n')).toEqual(expectedDiffLines(staging, production));

    // Promote two flags: only they change, and diff says so.
    const promoted = await run(['copy', '--from', staging, '--to', production, '--only', 'ENV_00000', 'ENV_00001']);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain(`${staging} → ${production} (2 flags)`);
    expect(promoted.stdout).toMatch(/updated\s+2\n/);
    expect((await run(['diff', '--from', staging, '--to', production, '--only', 'ENV_00000', 'ENV_00001'])).code).toBe(0);
    const rest = await run(['diff', '--from', staging, '--to', production]);
    expect(rest.code).toBe(1);
    expect(rest.stdout).toContain(`different: 1 only in ${staging}, 1 only in ${production}, 2 changed; 3 the same\n`);

    await ok(['copy', '--from', staging, '--to', production, '--prune']);
    const after = await run(['diff', '--from', staging, '--to', production]);
    expect([after.code, after.stdout]).toEqual([0, `equal: ${staging} and ${production} hold the same 6 flags\n`]);
  });
});

describe('flipper diff', () => {
  it('prints one object with --json: the stored values of each differing part', async () => {
    const staging = url('file', 'json-staging');
    const production = url('file', 'json-production');
    await ok(['import', 'staging.jsonl', '--store', staging]);
    await ok(['import', 'production.jsonl', '--store', production]);
    const result = await run(['diff', '--from', staging, '--to', production, '--json', '--only', 'ENV_00001', 'ENV_PROD_ONLY']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      from: staging,
      to: production,
      equal: false,
      only_in_from: [],
      only_in_to: ['ENV_PROD_ONLY'],
      changed: [
        {
          feature_name: 'ENV_00001',
          differences: [
            {
              part: 'conditions[1]',
              from: { is_admin: [{ variable: 'is_admin', value: true, operator: null }] },
              to: { is_admin: [{ variable: 'is_admin', value: false, operator: null }] },
            },
            { part: 'conditions[2]', from: null, to: { country: [{ variable: 'country', value: ['NL'], operator: 'in' }] } },
          ],
        },
      ],
      undecodable: [],
      unchanged: 0,
    });
  });

  it('never counts a document that does not decode as equal', async () => {
    const broken = join(directory, 'broken.json');
    writeFileSync(broken, '{\n"BAD": {"feature_name": "BAD", "is_enabled": "yes", "meta": {}}\n}\n');
    const other = url('file', 'bad-other');
    writeFileSync(join(directory, 'bad-other.json'), '{\n"BAD": {"feature_name": "BAD", "is_enabled": "yes", "meta": {}}\n}\n');
    const result = await run(['diff', '--from', `file:${broken}`, '--to', other]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`does not decode in file:${broken}: BAD\n`);
    expect(result.stdout).toContain(`does not decode in ${other}: BAD\n`);
  });

  it('in CI: fails after a change to the reviewed file, passes once the file is copied to the store', async () => {
    const reviewed = 'file:flags.json';
    const staging = url('redis', 'ci-staging');
    await ok(['import', 'staging.jsonl', '--store', reviewed]);
    await ok(['copy', '--from', reviewed, '--to', staging]);
    expect((await run(['diff', '--from', reviewed, '--to', staging])).code).toBe(0);

    await ok(['enable', 'ENV_00001', '--store', reviewed]); // the change a pull request merges
    const gate = await run(['diff', '--from', reviewed, '--to', staging]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain('ENV_00001 differs:\n  state: on → off\n');

    await ok(['copy', '--from', reviewed, '--to', staging]);
    const passed = await run(['diff', '--from', reviewed, '--to', staging]);
    expect([passed.code, passed.stdout]).toEqual([0, `equal: ${reviewed} and ${staging} hold the same 6 flags\n`]);
  });

  it('keeps the exit codes of bad usage (2) and an unreachable store (3)', async () => {
    const missing = await run(['diff', '--from', 'file:flags.json']);
    expect([missing.code, missing.stderr]).toEqual([2, 'flipper: diff needs --from URL and --to URL\n']);
    const badUrl = await run(['diff', '--from', 'file:flags.json', '--to', 'nosuch://x']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('unknown scheme "nosuch:"');
    const badPattern = await run(['diff', '--from', 'file:flags.json', '--to', 'memory:', '--match', '']);
    expect([badPattern.code, badPattern.stderr]).toEqual([2, 'flipper: --match needs a pattern, such as checkout.* or *_EXPERIMENT\n']);
    const typo = await run(['diff', '--from', 'file:flags.json', '--to', url('file', 'empty'), '--only', 'ENV_TYPO']);
    expect([typo.code, typo.stderr]).toEqual([1, 'flipper: diff --only: flag "ENV_TYPO": in neither store\n']);
    const down = await flipper(['diff', '--from', 'file:flags.json', '--to', 'redis://127.0.0.1:1', '--timeout', '500'], { cwd: directory });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/^flipper: redis store redis:\/\/127\.0\.0\.1:1: connection refused/);
  });
});
