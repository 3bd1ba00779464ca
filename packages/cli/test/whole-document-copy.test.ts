import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { encodeDocument, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { flipperOk } from './support/run-flipper.js';
import { asJsonLines, seedItems } from './support/seed-flags.js';
import { tempDirectory } from './support/temp-dir.js';

// A target with whole-document writes (`put`) gets each new or changed flag in one write, with
// no read of it first: counted on the Consul KV endpoint, which records every request.
const directory = tempDirectory('whole-copy');
const FLAGS = 40;
let consul: ConsulKvHandle;

beforeAll(async () => {
  consul = await startConsulKv();
});

afterAll(async () => {
  await consul?.stop();
});

/** The requests that touched single flags under `baseKey` (not the prefix reads of listing and verification). */
function flagRequests(baseKey: string): { method: string; cas: string | undefined }[] {
  return consul.requests
    .filter((request) => request.key !== undefined && request.key.startsWith(`${baseKey}/`) && request.key !== `${baseKey}/`)
    .map((request) => ({ method: request.method, cas: request.query['cas'] }));
}

/** Transactions sent: with history on, a Consul write is the flag and its entry in one `txn`. */
function transactions(): number {
  return consul.requests.filter((request) => request.path.startsWith('/v1/txn')).length;
}

describe('copy into a store with put', () => {
  it('writes each new flag with one read and one transaction (the flag and its history entry), each changed flag with one more, and nothing for the others', async () => {
    const items = seedItems(FLAGS);
    writeFileSync(join(directory, 'seed.jsonl'), asJsonLines(items));
    const target = `consul://${consul.address}/whole`;
    consul.clearRequests();
    const first = await flipperOk(['import', 'seed.jsonl', '--store', target, '--json'], { cwd: directory });
    expect(JSON.parse(first.stdout)).toMatchObject({ created: FLAGS, verified: FLAGS });
    // The read gives the history entry its `before`; the flag and the entry land in one txn.
    expect(flagRequests('whole')).toEqual(Array.from({ length: FLAGS }, () => ({ method: 'GET', cas: undefined })));
    expect(transactions()).toBe(FLAGS);

    const changed = [...items];
    changed[3] = new FeatureFlagStoreItem(items[3]!.featureName, !items[3]!.enabled, items[3]!.meta);
    writeFileSync(join(directory, 'changed.jsonl'), asJsonLines(changed));
    consul.clearRequests();
    const second = await flipperOk(['import', 'changed.jsonl', '--store', target, '--json'], { cwd: directory });
    expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, updated: 1, unchanged: FLAGS - 1 });
    expect(flagRequests('whole')).toEqual([{ method: 'GET', cas: undefined }]);
    expect(transactions()).toBe(1);
    const stored = await fetch(`${consul.url}/v1/kv/whole/${changed[3]!.featureName}?raw`);
    expect(await stored.text()).toBe(encodeDocument(changed[3]!));
  });
});
