import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { FileFeatureFlagStore, type FileStoreOptions } from '../src/index.js';
import { flagFileText, recordingLogger, saveLikeAnEditor, tempFolder } from './support/flag-files.js';

const folder = tempFolder('flipper-file-options-');
afterAll(() => folder.remove());

/** The folder watches that keep this process alive. */
function heldWatches(): number {
  return process.getActiveResourcesInfo().filter((type) => type === 'FSEventWrap').length;
}

describe('options', () => {
  it.each<[FileStoreOptions, string]>([
    [{ lockTimeoutMs: 0 }, 'file store: lockTimeoutMs must be a positive number of milliseconds, got 0'],
    [{ lockTimeoutMs: Number.NaN }, 'file store: lockTimeoutMs must be a positive number of milliseconds, got NaN'],
    [{ watch: 'yes' as unknown as boolean }, 'file store: watch must be true or false, got "yes"'],
    [{ logger: { warn: () => undefined } as never }, 'file store: logger must have warn(message) and info(message) functions'],
  ])('refuses %j before touching the file', (options, message) => {
    expect(() => new FileFeatureFlagStore(folder.file('never.json'), options)).toThrow(new InvalidArgumentError(message));
  });

  it('refuses an empty path', () => {
    expect(() => new FileFeatureFlagStore(' ')).toThrow('file store: path must be a non-empty string, got " "');
  });
});

describe('the watch', () => {
  // The count is process-wide: a watch an earlier test file closed is released a moment later.
  beforeAll(() => waitFor(() => heldWatches() === 0, 5000, 'the watches of earlier test files to be released'));

  it('reports a broken file to a reader that never subscribed, without holding the process open', async () => {
    const path = folder.file('reader.json');
    writeFileSync(path, flagFileText({ READER: true }));
    const logged = recordingLogger();
    const store = new FileFeatureFlagStore(path, { logger: logged.logger });
    const before = heldWatches();
    expect((await store.get('READER'))?.enabled).toBe(true);
    // The first read started the watch, which does not keep the process alive...
    expect(heldWatches()).toBe(before);
    writeFileSync(path, '{"READER": {');
    // ...and reports the broken file as it lands, with no read asking.
    // writeFileSync truncates before it writes, so the watch may also see the empty file first:
    // each version it saw is one warning, and every one names the file.
    await waitFor(() => logged.warnings.length >= 1, 1000, 'the warning');
    expect(logged.warnings.length).toBeLessThanOrEqual(2);
    for (const warning of logged.warnings) expect(warning).toContain(`${path} is not a flag file`);
    // A change listener holds the process open while subscribed.
    const unsubscribe = store.watch(() => undefined);
    expect(heldWatches()).toBe(before + 1);
    unsubscribe();
    unsubscribe();
    expect(heldWatches()).toBe(before);
    await store.close();
  });

  it('is off with watch: false until a listener subscribes; reads still follow the file', async () => {
    const path = folder.file('one-shot.json');
    writeFileSync(path, flagFileText({ ONE: false }));
    const logged = recordingLogger();
    const store = new FileFeatureFlagStore(path, { watch: false, logger: logged.logger });
    expect((await store.get('ONE'))?.enabled).toBe(false);
    saveLikeAnEditor(path, flagFileText({ ONE: true }));
    expect((await store.get('ONE'))?.enabled).toBe(true);
    writeFileSync(path, '{');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logged.warnings).toEqual([]); // nobody watching: the broken file is only seen by the next read
    expect((await store.get('ONE'))?.enabled).toBe(true);
    expect(logged.warnings).toHaveLength(1);
    const seen: string[] = [];
    store.watch((change) => seen.push(change.kind === 'flag' ? change.featureName : '*'));
    saveLikeAnEditor(path, flagFileText({ ONE: false, TWO: true }));
    await waitFor(() => seen.includes('TWO'), 1000, 'the change feed');
    expect(seen.sort()).toEqual(['ONE', 'TWO']);
    await store.close();
  });
});
