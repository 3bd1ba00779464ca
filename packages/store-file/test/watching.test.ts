import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { StoreError } from '@flipper-client/core/store';
import { waitFor } from '@flipper-client/test-suite';
import { FileFeatureFlagStore } from '../src/index.js';
import { flagFileText, record, recordingLogger, saveLikeAnEditor, sawFlag, tempFolder } from './support/flag-files.js';

// What a running application sees while people and tools edit its flag file: every edit reaches
// the change feed and the reads within a second (the bound the README promises), and a file
// left invalid never takes the flags away.
const WITHIN_MS = 1000;

const folder = tempFolder('flipper-file-watch-');
afterAll(() => folder.remove());

const stores: FileFeatureFlagStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

let files = 0;
async function runningApp(initial: Record<string, boolean> | undefined) {
  const path = folder.file(`flags-${++files}.json`);
  if (initial !== undefined) writeFileSync(path, flagFileText(initial));
  const logged = recordingLogger();
  const store = new FileFeatureFlagStore(path, { logger: logged.logger });
  stores.push(store);
  const recorded = record(store, logged);
  await store.get('ANY'); // the first read, as an application's first isEnabled
  return { path, store, recorded };
}

async function enabled(store: FileFeatureFlagStore, name: string): Promise<boolean | undefined> {
  return (await store.get(name))?.enabled;
}

describe('the watched file', () => {
  it("reaches a running store after an editor's write-then-rename", async () => {
    const { path, store, recorded } = await runningApp({ CHECKOUT: false, SEARCH: true });
    saveLikeAnEditor(path, flagFileText({ CHECKOUT: true, SEARCH: true }));
    await waitFor(() => sawFlag(recorded, 'CHECKOUT'), WITHIN_MS, 'the change feed to report CHECKOUT');
    expect(recorded.changes.filter((change) => change.kind === 'flag' && change.featureName === 'SEARCH')).toEqual([]);
    expect(await enabled(store, 'CHECKOUT')).toBe(true);
    expect(recorded.events).toEqual([]);
  });

  it('ends at the last of many rapid edits, in place and by rename, each flag reported', async () => {
    const { path, store, recorded } = await runningApp({ COUNTER_0: false });
    for (let i = 1; i <= 40; i++) {
      const flags = { [`COUNTER_${i}`]: i % 2 === 0, COUNTER_0: i % 3 === 0 };
      if (i % 2 === 0) saveLikeAnEditor(path, flagFileText(flags));
      else writeFileSync(path, flagFileText(flags)); // in place: readers may catch it half written
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(async () => (await enabled(store, 'COUNTER_40')) === true, WITHIN_MS, 'the last edit');
    expect(await enabled(store, 'COUNTER_39')).toBeUndefined();
    expect(await enabled(store, 'COUNTER_0')).toBe(false);
    await waitFor(() => sawFlag(recorded, 'COUNTER_40'), WITHIN_MS, 'the change feed to report the last edit');
    // A write caught half done may have been reported, but the store is not left believing it.
    expect(recorded.events.at(-1)?.event ?? 'recovered').toBe('recovered');
  });

  it.each([
    ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ['emptied', () => ''],
    ['not JSON', (text: string) => text.replace('"is_enabled": false', '"is_enabled": fals')],
    ['holding a flag twice', (text: string) => text.replace('\n}', `,\n${text.split('\n')[1]!.replace(/,$/, '')}\n}`)],
  ])('keeps the last good copy serving when the file is %s, reports it once, and follows the fix', async (_how, breakIt) => {
    const { path, store, recorded } = await runningApp({ BETA: false, GAMMA: true });
    const good = readFileSync(path, 'utf8');
    const broken = breakIt(good);
    writeFileSync(path, broken);
    await waitFor(() => recorded.events.length > 0, WITHIN_MS, 'the invalid event');
    const [first] = recorded.events;
    expect(first?.event).toBe('invalid');
    const error = (first as { error: StoreError }).error;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain(`${path} is not a flag file`);
    expect(recorded.warnings).toHaveLength(1);
    expect(recorded.warnings[0]).toContain('the last good copy keeps serving');

    // Readers are served; nothing was reported as changed; a second look is not a second report.
    expect(await enabled(store, 'GAMMA')).toBe(true);
    expect(await enabled(store, 'BETA')).toBe(false);
    expect(recorded.changes).toEqual([]);
    expect(recorded.events).toHaveLength(1);

    // A write never replaces the person's half-edited text.
    await expect(store.set('BETA', true)).rejects.toThrow(/not a flag file: .*fix it first, nothing was written over it/);
    expect(readFileSync(path, 'utf8')).toBe(broken);

    saveLikeAnEditor(path, flagFileText({ BETA: true, GAMMA: true }));
    await waitFor(() => sawFlag(recorded, 'BETA'), WITHIN_MS, 'the fixed file to reach the feed');
    expect(recorded.events.map((event) => event.event)).toEqual(['invalid', 'recovered']);
    expect(recorded.infos).toEqual([`file store: ${path} is a flag file again`]);
    expect(await enabled(store, 'BETA')).toBe(true);
    await store.set('BETA', false);
    expect(await enabled(store, 'BETA')).toBe(false);
  });

  it('keeps serving a file deleted (git deletes, then creates) and follows it once it is back', async () => {
    const { path, store, recorded } = await runningApp({ OLD: true });
    unlinkSync(path);
    await waitFor(() => recorded.events.length > 0, WITHIN_MS, 'the invalid event');
    expect((recorded.events[0] as { error: StoreError }).error.message).toContain(`${path}: the file is gone (deleted, or being replaced)`);
    expect(await enabled(store, 'OLD')).toBe(true);
    expect(recorded.changes).toEqual([]);
    await expect(store.create('NEW')).rejects.toThrow('the file is gone');
    writeFileSync(path, flagFileText({ NEW: true }));
    await waitFor(() => sawFlag(recorded, 'NEW') && sawFlag(recorded, 'OLD'), WITHIN_MS, 'the new file to reach the feed');
    expect(await enabled(store, 'NEW')).toBe(true);
    expect(await store.get('OLD')).toBeUndefined();
    expect(recorded.events.map((event) => event.event)).toEqual(['invalid', 'recovered']);
  });

  it('takes a file of no flags deleted as the empty store it was', async () => {
    const { path, store, recorded } = await runningApp({});
    unlinkSync(path);
    await store.create('FIRST');
    expect(await enabled(store, 'FIRST')).toBe(false);
    expect(recorded.events).toEqual([]);
  });

  it('picks up a file that did not exist when the store started', async () => {
    const { path, store, recorded } = await runningApp(undefined);
    saveLikeAnEditor(path, flagFileText({ LATE: true }));
    await waitFor(() => sawFlag(recorded, 'LATE'), WITHIN_MS, 'the new file');
    expect(await enabled(store, 'LATE')).toBe(true);
  });

  it('rejects reads of a file that was never valid, with a StoreError and an event, and recovers', async () => {
    const path = folder.file('never-valid.json');
    writeFileSync(path, '{"A": ');
    const logged = recordingLogger();
    const store = new FileFeatureFlagStore(path, { logger: logged.logger });
    stores.push(store);
    const invalid: StoreError[] = [];
    store.on('invalid', (error) => invalid.push(error));
    await expect(store.get('A')).rejects.toThrow(StoreError);
    await expect(store.get('A')).rejects.toThrow(`file store: get failed: ${path} is not a flag file`);
    expect(invalid).toHaveLength(1);
    expect(logged.warnings[0]).toContain('no good copy was read yet');
    writeFileSync(path, flagFileText({ A: true }));
    expect(await enabled(store, 'A')).toBe(true);
  });

  it('survives a listener that throws', async () => {
    const { path, store } = await runningApp({ X: false });
    store.on('invalid', () => {
      throw new Error('a careless listener');
    });
    writeFileSync(path, '{');
    let seen = false;
    store.on('recovered', () => (seen = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    saveLikeAnEditor(path, flagFileText({ X: true }));
    await waitFor(() => seen, WITHIN_MS, 'the recovered event');
    expect(await enabled(store, 'X')).toBe(true);
  });
});
