import { afterAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { FeatureFlagClient, SyncEvaluationUnavailableError } from '@flipper-client/core';
import { waitFor } from '@flipper-client/test-suite';
import { FileFeatureFlagStore } from '../src/index.js';
import { flagFileText, saveLikeAnEditor, tempFolder } from './support/flag-files.js';

const folder = tempFolder('flipper-file-sync-');
afterAll(() => folder.remove());

describe('synchronous evaluation from the watched copy', () => {
  it('answers isEnabledSync after ready(), follows an edit within a second, and outlives a broken file', async () => {
    const path = folder.file('sync.json');
    writeFileSync(path, flagFileText({ SYNC: true }));
    const store = new FileFeatureFlagStore(path);
    const features = new FeatureFlagClient(store);
    expect(store.syncReady).toBe(false);
    await store.ready();
    expect(store.syncReady).toBe(true);
    expect(features.isEnabledSync('SYNC')).toBe(true);
    saveLikeAnEditor(path, flagFileText({ SYNC: false }));
    await waitFor(() => !features.isEnabledSync('SYNC'), 1000, 'the edit to reach isEnabledSync');
    writeFileSync(path, '{"SYNC": ');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(features.isEnabledSync('SYNC')).toBe(false);
    expect(await features.isEnabled('SYNC', undefined, { default: true })).toBe(false);
    // The same item serves every read of an unchanged flag: decoded once, not per call.
    expect(store.getSync('SYNC')).toBe(await store.get('SYNC'));
    await store.close();
    expect(store.syncReady).toBe(false);
  });

  it('is not offered with watch: false, where every read looks at the file', async () => {
    const path = folder.file('no-sync.json');
    writeFileSync(path, flagFileText({ ASYNC: true }));
    const store = new FileFeatureFlagStore(path, { watch: false });
    const features = new FeatureFlagClient(store);
    await store.ready();
    expect(store.syncReady).toBe(false);
    expect(() => features.isEnabledSync('ASYNC')).toThrow(SyncEvaluationUnavailableError);
    expect(await features.isEnabled('ASYNC')).toBe(true);
    await store.close();
  });
});
