import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureFlagClient } from '@flipper-client/core';
import { encodeDocument, FeatureFlagStoreItem, type FeatureFlagStore } from '@flipper-client/core/store';
import { expectAll } from '../answers.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, type ThroughputBench } from '../scenario.js';

const STORE_FILE = '@flipper-client/store-file';
const FLAG = 'PLAIN';

interface FileStore extends FeatureFlagStore {
  ready(): Promise<void>;
  close(): Promise<void>;
}
interface StoreFileModule {
  FileFeatureFlagStore: new (path: string, options?: { watch?: boolean }) => FileStore;
  formatFlagFile(documents: ReadonlyMap<string, string>): string;
}

/** A client over a file of 100 flags, `PLAIN` switched on. */
async function fileClient(context: RunContext, watch: boolean): Promise<{ features: FeatureFlagClient; close(): Promise<void> }> {
  const module = await context.importPackage<StoreFileModule>(STORE_FILE);
  const folder = mkdtempSync(join(tmpdir(), 'flipper-bench-reads-'));
  const path = join(folder, 'flags.json');
  const documents = new Map<string, string>([[FLAG, encodeDocument(new FeatureFlagStoreItem(FLAG, true))]]);
  for (let i = 0; i < 99; i++) documents.set(`OTHER_${i}`, encodeDocument(new FeatureFlagStoreItem(`OTHER_${i}`, false)));
  writeFileSync(path, module.formatFlagFile(documents));
  const store = new module.FileFeatureFlagStore(path, { watch });
  await store.ready();
  return {
    features: new FeatureFlagClient(store),
    async close() {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function asyncLoop(features: FeatureFlagClient, iterations: number): Promise<number> {
  let on = 0;
  for (let i = 0; i < iterations; i++) if (await features.isEnabled(FLAG)) on++;
  return on;
}

export default defineScenario({
  kind: 'throughput',
  id: 'file-store-reads',
  title: 'File store: isEnabled on a plain flag, from the watched copy and with a look at the file per call',
  description:
    'A client over a FileFeatureFlagStore holding 100 flags. Watching (the default), the store keeps a current copy and the client answers from it, synchronously or not; with watch: false every call checks the file (one stat) before answering from the parsed copy.',
  order: 98,
  requires: [STORE_FILE],
  baseline: 'file-watched-sync',
  checkAnswers: expectAll,
  subjects: [
    {
      id: 'file-watched-sync',
      library: 'flipper (file store, watched)',
      call: `features.isEnabledSync('${FLAG}')`,
      mode: 'sync',
      async setup(context): Promise<ThroughputBench> {
        const { features, close } = await fileClient(context, true);
        return {
          run(iterations) {
            let on = 0;
            for (let i = 0; i < iterations; i++) if (features.isEnabledSync(FLAG)) on++;
            return on;
          },
          close,
        };
      },
    },
    {
      id: 'file-watched-async',
      library: 'flipper (file store, watched)',
      call: `await features.isEnabled('${FLAG}')`,
      mode: 'async',
      async setup(context): Promise<ThroughputBench> {
        const { features, close } = await fileClient(context, true);
        return { run: (iterations) => asyncLoop(features, iterations), close };
      },
    },
    {
      id: 'file-unwatched',
      library: 'flipper (file store, watch: false)',
      call: `await features.isEnabled('${FLAG}') (a stat per call)`,
      mode: 'async',
      async setup(context): Promise<ThroughputBench> {
        const { features, close } = await fileClient(context, false);
        return { run: (iterations) => asyncLoop(features, iterations), close };
      },
    },
  ],
});
