import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { startServices, startThriftService, type Services, type ThriftService } from './support/services.js';

const FLAGS = 1000;
const KINDS = ['redis', 'consul', 's3', 'thrift'] as const;
type Kind = (typeof KINDS)[number];

let services: Services;
/** One Thrift service per namespace: the seed's, and one as the target of each other store. */
const thrift = new Map<string, ThriftService>();
const directory = mkdtempSync(join(tmpdir(), 'flipper-copy-'));
const seedFile = join(directory, 'seed.jsonl');
const seedText = asJsonLines(seedItems(FLAGS));

/** The URL of `kind`'s namespace `space`: each copy gets a fresh one. */
function urlOf(kind: Kind, space: string): string {
  switch (kind) {
    case 'redis':
      return `${services.redis.url}?base-key=${space}`;
    case 'consul':
      return `consul://${services.consul.address}/${space}`;
    case 's3':
      // Pages of 300 keys: the listings page through s3rver's continuation tokens.
      return `s3://${space}?page-size=300`;
    case 'thrift':
      return thrift.get(space)!.url;
  }
}

const env = (): Record<string, string> => services.s3Env;
/** A loaded machine (the whole suite on two cores) makes s3rver slow to answer 64 writes at once. */
const PATIENT = ['--timeout', '20000'];
const exportOf = async (url: string): Promise<string> => (await flipperOk(['export', '--store', url, ...PATIENT], { env: env() })).stdout;

beforeAll(async () => {
  writeFileSync(seedFile, seedText);
  const spaces = ['seed', ...KINDS.map((kind) => `from-${kind}`)];
  services = await startServices(spaces);
  for (const space of spaces) thrift.set(space, await startThriftService());
  // The seed goes in through `flipper import`, into every store at once.
  await Promise.all(KINDS.map((kind) => flipperOk(['import', seedFile, '--store', urlOf(kind, 'seed'), ...PATIENT], { env: env() })));
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([services?.stop(), ...[...thrift.values()].map((service) => service.close())]);
  rmSync(directory, { recursive: true, force: true });
});

describe(`copy of ${FLAGS} flags between every pair of real stores`, () => {
  it('imported the seed into every store byte for byte', async () => {
    for (const kind of KINDS) expect(await exportOf(urlOf(kind, 'seed'))).toBe(seedText);
  });

  const pairs = KINDS.flatMap((from) => KINDS.filter((to) => to !== from).map((to) => [from, to] as const));
  it.each(pairs)('%s → %s: all created, verified, and the target exports the same bytes', async (from, to) => {
    const target = urlOf(to, `from-${from}`);
    const run = await flipperOk(['copy', '--from', urlOf(from, 'seed'), '--to', target, '--json', ...PATIENT], { env: env() });
    expect(JSON.parse(run.stdout)).toMatchObject({ flags: FLAGS, created: FLAGS, updated: 0, unchanged: 0, deleted: 0, verified: FLAGS });
    expect(await exportOf(target)).toBe(seedText);
  });

  it('a second copy changes nothing and says so', async () => {
    const run = await flipperOk(['copy', '--from', urlOf('redis', 'seed'), '--to', urlOf('consul', 'from-redis'), ...PATIENT], { env: env() });
    expect(run.stdout).toContain(` (${FLAGS} flags)\n`);
    expect(run.stdout).toMatch(/created\s+0\n\s+updated\s+0\n\s+unchanged\s+1000\n\s+deleted\s+0\n/);
    expect(run.stdout).toContain(`verified: the target holds the source's ${FLAGS} documents, byte for byte`);
  });
});
