import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeDocument, FeatureFlagStoreItem, type FeatureFlagStore, type StoreChangeListener, type Unsubscribe } from '@flipper-client/core/store';
import type { RunContext } from '../run-context.js';
import { defineScenario, type LatencySamples } from '../scenario.js';

const STORE_FILE = '@flipper-client/store-file';
/** An edit not reported within this is counted as a timeout (the README promises a second). */
const SAMPLE_TIMEOUT_MS = 1000;
/** Pause between edits, as between saves in an editor. */
const PAUSE_MS = 40;
const FLAGS = 20;

interface FileStore extends FeatureFlagStore {
  watch(listener: StoreChangeListener): Unsubscribe;
  close(): Promise<void>;
}
interface StoreFileModule {
  FileFeatureFlagStore: new (path: string) => FileStore;
  formatFlagFile(documents: ReadonlyMap<string, string>): string;
}

/** The file's text with flag `on` switched on and every other flag off. */
function fileText(module: StoreFileModule, on: number): string {
  const documents = new Map<string, string>();
  for (let i = 0; i < FLAGS; i++) documents.set(`F${i}`, encodeDocument(new FeatureFlagStoreItem(`F${i}`, i === on, undefined)));
  return module.formatFlagFile(documents);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Saves the file as an editor does (a temporary file renamed over it), switching one flag on per
 * save; `via` says how the running store must show it: its change feed naming the flag, or a read.
 */
async function measure(context: RunContext, samples: number, via: 'feed' | 'read'): Promise<LatencySamples> {
  const module = await context.importPackage<StoreFileModule>(STORE_FILE);
  const folder = mkdtempSync(join(tmpdir(), 'flipper-bench-file-'));
  const path = join(folder, 'flags.json');
  writeFileSync(path, fileText(module, -1));
  const store = new module.FileFeatureFlagStore(path);
  const reported = new Set<string>();
  const unsubscribe = store.watch((change) => reported.add(change.kind === 'flag' ? change.featureName : '*'));
  await store.get('F0');
  try {
    const delaysMs: number[] = [];
    let timeouts = 0;
    for (let i = 0; i < samples; i++) {
      const name = `F${i % FLAGS}`;
      reported.clear();
      const text = fileText(module, i % FLAGS);
      const started = performance.now();
      writeFileSync(`${path}.swp`, text);
      renameSync(`${path}.swp`, path);
      const seen = async (): Promise<boolean> => (via === 'feed' ? reported.has(name) || reported.has('*') : (await store.get(name))?.enabled === true);
      while (!(await seen()) && performance.now() - started < SAMPLE_TIMEOUT_MS) await pause(1);
      if (await seen()) delaysMs.push(performance.now() - started);
      else timeouts++;
      await pause(PAUSE_MS);
    }
    return {
      delaysMs,
      timeouts,
      note:
        via === 'feed'
          ? 'delay = the editor-style save starting → the change feed names the flag (a folder watch, then one look 20 ms after the first event of a burst)'
          : 'delay = the save starting → store.get answers the new document (every read checks the file version)',
    };
  } finally {
    unsubscribe();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export default defineScenario({
  kind: 'latency',
  id: 'file-propagation',
  title: "File store: an editor's save reaching a running store",
  description:
    'An editor saves flags.json (a temporary file renamed over it), switching one of 20 flags on; a running FileFeatureFlagStore reports it through its change feed (what a cache over it and the admin UI follow), and a read answers it.',
  order: 96,
  requires: [STORE_FILE],
  samples: 200,
  quickSamples: 30,
  subjects: [
    { id: 'flipper-file-feed', library: 'flipper (file store)', call: 'save → store.watch(listener) hears the flag', measure: (context, samples) => measure(context, samples, 'feed') },
    { id: 'flipper-file-read', library: 'flipper (file store)', call: 'save → store.get(name)', measure: (context, samples) => measure(context, samples, 'read') },
  ],
});
