import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Condition, FeatureFlagClient, type Staleness } from '@flipper-client/core';
import { FeatureFlagMeta, FeatureFlagStoreItem, type FlagUsage } from '@flipper-client/core/store';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';
import { findReferences } from '../src/flag-references.js';
import { REFS_FIXTURE } from './support/refs-fixture.js';
import { flipper, flipperOk } from './support/run-flipper.js';
import { tempDirectory } from './support/temp-dir.js';

const DAY = 86_400;
let server: RedisServer;
let redis: Redis;
let store: RedisFeatureFlagStore;
let url: string;

/** A flag created `days` ago, as a store would hold it after that long. */
function created(name: string, days: number, options: { enabled?: boolean; permanent?: boolean; targeted?: boolean } = {}): FeatureFlagStoreItem {
  const meta = new FeatureFlagMeta({
    createdDate: Math.floor(Date.now() / 1000) - days * DAY,
    clientData: options.permanent === true ? { permanent: true } : {},
    conditions: options.targeted === true ? [new Condition({ is_admin: true })] : [],
  });
  return new FeatureFlagStoreItem(name, options.enabled ?? true, meta);
}

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis({ host: server.host, port: server.port, maxRetriesPerRequest: 1 });
  store = new RedisFeatureFlagStore(redis, { baseKey: 'usage-cli' });
  url = `${server.url}?base-key=usage-cli`;
  // IN_USE: evaluated today; on for admins only, so no fixed answer (asked without checks it answers on).
  await store.put(created('IN_USE', 90, { targeted: true }));
  await store.put(created('KILL_SWITCH', 90, { permanent: true }));
  await store.put(created('LONG_ON', 90));
  await store.put(created('FORGOTTEN', 90, { enabled: false }));
  await store.put(created('BRAND_NEW', 1, { enabled: false }));
  const today = new FeatureFlagClient(store);
  for (let i = 0; i < 4; i++) await today.isEnabled('IN_USE');
  await today.isEnabled('LONG_ON');
  await today.isEnabled('NOT_STORED');
  await today.close();
  // FORGOTTEN was last evaluated 32 days ago, by a client whose clock says so.
  const earlier = new FeatureFlagClient(store, { usage: { clock: () => Date.now() / 1000 - 32 * DAY } });
  await earlier.isEnabled('FORGOTTEN');
  await earlier.close();
}, 60_000);

afterAll(async () => {
  await store?.close();
  await redis?.quit();
  await server?.stop();
});

describe('flipper usage', () => {
  const fileStoreDir = tempDirectory('usage-file');

  it('prints every flag with evaluations in the window, and one flag day by day', async () => {
    const table = (await flipperOk(['usage', '--store', url])).stdout.split('\n');
    expect(table[0]).toMatch(/^NAME\s+LAST SEEN\s+ON\s+OFF\s+DEFAULT$/);
    expect(table.find((line) => line.startsWith('IN_USE'))).toMatch(/^IN_USE\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+4\s+0\s+0$/);
    expect(table.find((line) => line.startsWith('NOT_STORED'))).toMatch(/\s0\s+0\s+1$/);
    expect(table.some((line) => line.startsWith('FORGOTTEN'))).toBe(false);

    const json = JSON.parse((await flipperOk(['usage', '--store', url, '--days', '35', '--json'])).stdout) as FlagUsage[];
    expect(json.map((flag) => flag.featureName)).toEqual(['FORGOTTEN', 'IN_USE', 'LONG_ON', 'NOT_STORED']);
    const one = JSON.parse((await flipperOk(['usage', 'IN_USE', '--store', url, '--json'])).stdout) as FlagUsage;
    expect(one.total).toEqual({ on: 4, off: 0, default: 0 });
    const daily = await flipperOk(['usage', 'IN_USE', '--store', url]);
    expect(daily.stdout).toMatch(/^IN_USE: last seen .+; 4 on, 0 off, 0 default in 30 days\nDAY\s+ON\s+OFF\s+DEFAULT\n\d{4}-\d\d-\d\d\s+4\s+0\s+0\n$/);
    expect((await flipperOk(['usage', 'NEVER_USED', '--store', url])).stdout).toBe('NEVER_USED: no evaluations in the last 30 days\n');
  });

  it('refuses a store that keeps no usage counts, naming the stores that do', async () => {
    const run = await flipper(['usage', '--store', 'file:flags.json'], { cwd: fileStoreDir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/keeps no usage counts \(redis:\/\//);
    expect((await flipper(['stale', '--days', '0', '--store', url])).code).toBe(2);
  });
});

describe('flipper stale', () => {
  it('lists the potentially stale flags with their reasons; --fail-on-stale exits 1', async () => {
    const run = await flipper(['stale', '--store', url, '--fail-on-stale']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAME\s+POTENTIALLY STALE BECAUSE$/);
    expect(lines.find((line) => line.startsWith('FORGOTTEN'))).toMatch(/not evaluated for 30 days \(last seen /);
    expect(lines.find((line) => line.startsWith('LONG_ON'))).toMatch(/on for everyone for 30 days$/);
    for (const fresh of ['IN_USE', 'KILL_SWITCH', 'BRAND_NEW']) expect(lines.some((line) => line.startsWith(fresh))).toBe(false);
    expect(run.stdout).toContain('2 of 5 flags potentially stale');
    // Without --fail-on-stale, stale flags are a report, not a failure.
    expect((await flipper(['stale', '--store', url])).code).toBe(0);

    const json = JSON.parse((await flipperOk(['stale', '--store', url, '--json', '--days', '100'])).stdout) as Staleness[];
    expect(json.filter((flag) => flag.stale)).toEqual([]);
    expect(json.find((flag) => flag.featureName === 'KILL_SWITCH')).toEqual({ featureName: 'KILL_SWITCH', permanent: true, reasons: [], stale: false });
  });
});

describe('flipper refs', () => {
  const directory = tempDirectory('refs');
  beforeAll(() => {
    for (const [path, text] of Object.entries(REFS_FIXTURE)) {
      mkdirSync(dirname(join(directory, path)), { recursive: true });
      writeFileSync(join(directory, path), text);
    }
  });

  it('reports stored flags no code references and names in code that the store does not hold', async () => {
    const json = JSON.parse((await flipperOk(['refs', '--dir', directory, '--store', url, '--json'])).stdout) as Record<string, unknown>;
    expect(json).toEqual({
      referenced: [],
      unreferenced: ['BRAND_NEW', 'FORGOTTEN', 'IN_USE', 'KILL_SWITCH', 'LONG_ON'],
      unknown: [
        { name: 'DARK_MODE', locations: ['src/checkout.ts:7'] },
        { name: 'HANDLE_FLAG', locations: ['src/checkout.ts:8'] },
        { name: 'NEW_CHECKOUT', locations: ['service/app.py:6', 'src/checkout.ts:6'] },
        { name: 'PY_DECORATED', locations: ['service/app.py:13'] },
        { name: 'SUMMER_BANNER', locations: ['src/web/banner.jsx:3'] },
        { name: 'TYPO_CHECKOUT', locations: ['service/app.py:8'] },
        { name: 'WRAPPED_FLAG', locations: ['src/checkout.ts:12'] },
      ],
    });
  });

  it('prints both sides as text, against a store holding some of the names', async () => {
    const withFlags = 'usage-cli-refs';
    const refsStore = new RedisFeatureFlagStore(redis, { baseKey: withFlags });
    for (const name of ['NEW_CHECKOUT', 'DARK_MODE', 'OLD_PROMO']) await refsStore.put(created(name, 1));
    const run = await flipperOk(['refs', '--dir', directory, '--store', `${server.url}?base-key=${withFlags}`]);
    expect(run.stdout).toBe(
      [
        `2 stored flags referenced in ${directory}`,
        '1 stored flags no code references:',
        '  OLD_PROMO',
        '5 names in code that the store does not hold:',
        '  HANDLE_FLAG  src/checkout.ts:8',
        '  PY_DECORATED  service/app.py:13',
        '  SUMMER_BANNER  src/web/banner.jsx:3',
        '  TYPO_CHECKOUT  service/app.py:8',
        '  WRAPPED_FLAG  src/checkout.ts:12',
        '',
      ].join('\n'),
    );
    expect((await flipper(['refs', '--dir', join(directory, 'missing'), '--store', url])).code).toBe(2);
  });

  it('finds literals only, in each quoting, and unescapes them', () => {
    const source = [
      "features.isEnabled('A')",
      'features.isEnabledSync( "B" , checks)',
      'client.getBooleanValue(`C`, false)',
      'client.getBooleanValue(`D_${x}`, false)',
      'features.isEnabled(name)',
      "features.is_enabled('it\\'s')",
    ].join('\n');
    expect(findReferences(source, 'x.ts')).toEqual([
      { name: 'A', location: 'x.ts:1' },
      { name: 'B', location: 'x.ts:2' },
      { name: 'C', location: 'x.ts:3' },
      { name: "it's", location: 'x.ts:6' },
    ]);
  });
});
