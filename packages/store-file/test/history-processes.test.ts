import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { HistoryEntry } from '@flipper-client/core/store';
import { FileFeatureFlagStore } from '../src/index.js';
import { tempFolder } from './support/flag-files.js';

const folder = tempFolder('flipper-file-history-processes-');
afterAll(() => folder.remove());

const CHILD = fileURLToPath(new URL('./support/history-child.mjs', import.meta.url));

interface Outcome {
  ok: boolean;
  code?: string;
  featureName?: string;
  message?: string;
}

/** Starts `count` processes, waits until each has loaded, lets them all go at once, collects what each did. */
async function race(path: string, kind: 'create' | 'write', count: number): Promise<Outcome[]> {
  const children: ChildProcessWithoutNullStreams[] = [];
  const outcomes = Array.from({ length: count }, (_, index) => {
    const child = spawn(process.execPath, [CHILD, path, kind, String(index)], { stdio: 'pipe' });
    children.push(child);
    let out = '';
    let signalReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (signalReady = resolve));
    const done = new Promise<Outcome>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.startsWith('ready\n')) signalReady();
        const lines = out.split('\n');
        if (lines.length > 2) resolve(JSON.parse(lines[1]!) as Outcome);
      });
      child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`child ${index} exited with ${code}`))));
    });
    return { ready, done };
  });
  await Promise.all(outcomes.map((outcome) => outcome.ready));
  for (const child of children) child.stdin.write('go\n');
  return Promise.all(outcomes.map((outcome) => outcome.done));
}

async function allOf(store: FileFeatureFlagStore, featureName: string): Promise<HistoryEntry[]> {
  return store.history!(featureName, { limit: 1000 });
}

// Separate processes, each with its own store on one file: only the lock file orders them.
describe('file store history across processes', () => {
  it('keeps exactly one entry per write of 24 processes writing one flag, in one chain', async () => {
    const path = folder.file('chain.json');
    const store = new FileFeatureFlagStore(path, { watch: false });
    await store.create('CHAIN');
    const outcomes = await race(path, 'write', 24);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    const entries = await allOf(store, 'CHAIN');
    expect(entries).toHaveLength(25);
    expect(entries[0]!.after).toBe(await store.storedDocument!('CHAIN'));
    for (let i = 0; i + 1 < entries.length; i++) expect(entries[i]!.before).toBe(entries[i + 1]!.after);
    expect(new Set(entries.slice(0, 24).map((entry) => entry.actor))).toEqual(new Set(Array.from({ length: 24 }, (_, i) => `process:${i}`)));
    expect(Object.keys((await store.get('CHAIN'))!.clientData() as object)).toHaveLength(24);
  }, 120_000);

  it('lets exactly one of 20 processes create a flag; the others get FLAG_EXISTS', async () => {
    const path = folder.file('once.json');
    const outcomes = await race(path, 'create', 20);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((candidate) => !candidate.ok)) expect(outcome).toEqual({ ok: false, code: 'FLAG_EXISTS', featureName: 'ONCE' });
    const store = new FileFeatureFlagStore(path, { watch: false });
    const winner = outcomes.findIndex((outcome) => outcome.ok);
    expect((await store.get('ONCE'))!.clientData()).toEqual({ creator: winner });
    expect((await allOf(store, 'ONCE')).map((entry) => [entry.action, entry.actor])).toEqual([['create_if_absent', `process:${winner}`]]);
  }, 120_000);
});
