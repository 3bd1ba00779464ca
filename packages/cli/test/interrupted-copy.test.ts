import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Condition } from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { FaultyStore } from '@flipper-client/test-suite';
import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { flipper } from './support/run-flipper.js';
import { startThriftService, type ThriftService } from './support/services.js';
import { tempDirectory } from './support/temp-dir.js';

const directory = tempDirectory('interrupted');
let service: ThriftService | undefined;

afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** An enabled flag limited to administrators: written without its condition, it would be on for everyone. */
const ADMINS_ONLY = new FeatureFlagStoreItem('ADMINS_ONLY', true, new FeatureFlagMeta({ createdDate: 1_700_000_000, conditions: [new Condition({ is_admin: true })] }));

describe('a new flag whose second write fails', () => {
  it.each([
    ['is removed again', ['setMeta'] as const, undefined],
    ['stays switched off when it cannot be removed', ['setMeta', 'delete'] as const, false],
  ])('%s', async (_title, failing, enabledAfter) => {
    // A Thrift service whose backing store refuses the metadata write (the client store's update
    // is a Get then a SetMeta) after the create went through.
    const backing = new FaultyStore(new MemoryFeatureFlagStore());
    service = await startThriftService(backing);
    backing.fail([...failing]);
    writeFileSync(join(directory, 'one.jsonl'), `${encodeDocument(ADMINS_ONLY)}\n`);
    const run = await flipper(['import', 'one.jsonl', '--store', service.url], { cwd: directory });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('0 of 1 flag writes were done before this failure');
    expect(run.stderr).toContain('flag "ADMINS_ONLY"');
    expect(backing.calls.create).toBe(1);
    expect((await backing.inner.get('ADMINS_ONLY'))?.enabled).toBe(enabledAfter);
  });
});
