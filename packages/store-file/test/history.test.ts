import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { hasCreateIfAbsent, hasHistory } from '@flipper-client/core/store';
import { describeHistoryConformance } from '@flipper-client/test-suite';
import { FileFeatureFlagStore, parseFlagFile } from '../src/index.js';
import { tempFolder } from './support/flag-files.js';

const folder = tempFolder('flipper-file-history-');
let files = 0;

afterAll(() => folder.remove());

// A client subscribes to its store's change feed, which watches the folder: every store is
// closed after its test, so no watch outlives it (the lifetime tests count them process-wide).
const opened: FileFeatureFlagStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
function open(path: string, options: ConstructorParameters<typeof FileFeatureFlagStore>[1] = {}): FileFeatureFlagStore {
  const store = new FileFeatureFlagStore(path, { watch: false, ...options });
  opened.push(store);
  return store;
}

// The history suite on the file store: peers are stores of their own on the same file, so the
// 24 concurrent writers and 20 concurrent creates take turns under the lock file as processes do.
describeHistoryConformance('file', {
  createStore: (retention) => {
    const path = folder.file(`history-${++files}.json`);
    const store = new FileFeatureFlagStore(path, { history: retention, watch: false });
    return {
      store,
      connect: async () => new FileFeatureFlagStore(path, { history: retention, watch: false }),
      writeRaw: (featureName, text) => store.writeRaw(featureName, text),
      readRaw: async (featureName) => (existsSync(path) ? parseFlagFile(readFileSync(path, 'utf8')).get(featureName) : undefined),
    };
  },
  concurrentWriters: 24,
  concurrentCreates: 20,
});

function historyLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(`${path}.history.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('file store history layout and recovery', () => {
  it('keeps entries in <file>.history.jsonl, one JSON line each, and leaves the flag file as the Python format has it', async () => {
    const path = folder.file('layout.json');
    const client = new FeatureFlagClient(open(path), { actor: 'user:ann' });
    await client.create('LAYOUT');
    await client.enable('LAYOUT');
    const lines = historyLines(path);
    expect(lines.map((line) => [line.id, line.actor, line.action, line.featureName])).toEqual([
      ['1', 'user:ann', 'create', 'LAYOUT'],
      ['2', 'user:ann', 'enable', 'LAYOUT'],
    ]);
    expect([...parseFlagFile(readFileSync(path, 'utf8')).keys()]).toEqual(['LAYOUT']);
  });

  it('hides a batch a crash left without its change, and drops it at the next write', async () => {
    const path = folder.file('torn.json');
    const store = open(path);
    await store.create('TORN');
    const stored = await store.storedDocument!('TORN');
    // What a process that died after appending its entry and before replacing the flag file leaves.
    const torn = { id: '2', batch: '2', at: Date.now(), actor: 'process:gone:1', action: 'enable', featureName: 'TORN', before: stored, after: stored!.replace('false', 'true') };
    appendFileSync(`${path}.history.jsonl`, `${JSON.stringify(torn)}\n`);
    expect((await store.history!('TORN')).map((entry) => entry.action)).toEqual(['create']);
    await store.set('TORN', false);
    expect((await store.history!('TORN')).map((entry) => [entry.id, entry.action])).toEqual([
      ['3', 'set'],
      ['1', 'create'],
    ]);
    expect(historyLines(path).map((line) => line.id)).toEqual(['1', '3']);
  });

  it('skips a last line a crash cut short, and rewrites the file whole at the next write', async () => {
    const path = folder.file('cut.json');
    const store = open(path);
    await store.create('CUT');
    appendFileSync(`${path}.history.jsonl`, '{"id":"2","batch":"2","at":1');
    expect(await store.history!('CUT')).toHaveLength(1);
    await store.set('CUT', true);
    expect(historyLines(path).map((line) => line.action)).toEqual(['create', 'set']);
  });

  it('compacts trimmed entries out of the file under the lock', async () => {
    const path = folder.file('compact.json');
    const store = open(path, { history: { limit: 3 } });
    await store.create('MANY');
    for (let i = 0; i < 300; i++) await store.set('MANY', i % 2 === 0);
    expect(await store.history!('MANY', { limit: 10 })).toHaveLength(3);
    expect(historyLines(path).length).toBeLessThan(300);
  });

  it('has no history with history: false, and writes no history file', async () => {
    const path = folder.file('none.json');
    const store = open(path, { history: false });
    await store.create('NONE');
    expect(hasHistory(store)).toBe(false);
    expect(hasCreateIfAbsent(store)).toBe(true);
    expect(existsSync(`${path}.history.jsonl`)).toBe(false);
  });
});
