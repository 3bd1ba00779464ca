import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeDocument } from '@flipper-client/core/store';
import { flipper, flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { startServices, type Services } from './support/services.js';

// `s3://bucket/prefix` through the built binary: two teams' flags in one bucket, each under its
// own prefix, written, listed, exported and copied without seeing the other's.
let services: Services;
const directory = mkdtempSync(join(tmpdir(), 'flipper-s3-prefix-'));
const teamA = seedItems(30, 'A');
const teamB = seedItems(20, 'B');

const env = (): Record<string, string> => services.s3Env;
const run = (args: readonly string[]) => flipperOk([...args, '--timeout', '20000'], { env: env() });

/** The object's body as S3 holds it, read without flipper; undefined when there is none. */
async function rawObject(key: string): Promise<string | undefined> {
  const response = await fetch(`${services.s3.endpoint}/shared/${key.split('/').map(encodeURIComponent).join('/')}`);
  return response.status === 404 ? undefined : response.text();
}

beforeAll(async () => {
  services = await startServices(['shared']);
  for (const [file, items] of [['a.jsonl', teamA], ['b.jsonl', teamB]] as const) writeFileSync(join(directory, file), asJsonLines(items));
}, 60_000);

afterAll(async () => {
  await services?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('s3://bucket/prefix', () => {
  it('imports each team under its own prefix, byte for byte at <prefix>/<name>', async () => {
    await run(['import', join(directory, 'a.jsonl'), '--store', 's3://shared/team-a']);
    await run(['import', join(directory, 'b.jsonl'), '--store', 's3://shared/team%20b/']);
    for (const item of teamA.slice(0, 5)) expect(await rawObject(`team-a/${item.featureName}`)).toBe(encodeDocument(item));
    for (const item of teamB.slice(0, 5)) expect(await rawObject(`team b/${item.featureName}`)).toBe(encodeDocument(item));
    expect(await rawObject(teamA[0]!.featureName)).toBeUndefined();
  });

  it('lists and exports only its own prefix, with or without the trailing slash', async () => {
    expect((await run(['export', '--store', 's3://shared/team-a'])).stdout).toBe(asJsonLines(teamA));
    expect((await run(['export', '--store', 's3://shared/team-a/'])).stdout).toBe(asJsonLines(teamA));
    expect((await run(['export', '--store', 's3://shared/team%20b'])).stdout).toBe(asJsonLines(teamB));
    const listed = (await run(['list', '--store', 's3://shared/team%20b', '--json'])).stdout;
    expect((JSON.parse(listed) as { feature_name: string }[]).map((flag) => flag.feature_name)).toEqual(teamB.map((item) => item.featureName));
  });

  it('copies from one prefix to another, verified', async () => {
    const copied = await run(['copy', '--from', 's3://shared/team-a', '--to', 's3://shared/copies/team-a', '--json']);
    expect(JSON.parse(copied.stdout)).toMatchObject({ flags: 30, created: 30, verified: 30 });
    expect((await run(['export', '--store', 's3://shared/copies/team-a'])).stdout).toBe(asJsonLines(teamA));
    expect(await rawObject(`copies/team-a/${teamA[7]!.featureName}`)).toBe(encodeDocument(teamA[7]!));
  });

  it('refuses a prefix S3 cannot hold, naming it, with the usage exit code', async () => {
    const control = await flipper(['list', '--store', 's3://shared/bad%0Aprefix'], { env: env() });
    expect(control.code).toBe(2);
    expect(control.stderr).toContain('s3 store: prefix holds the control character U+000A');
  });
});
