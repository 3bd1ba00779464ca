import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { describeStoreConformance } from '@flipper-client/test-suite';
import { FileFeatureFlagStore, parseFlagFile } from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'flipper-file-store-'));
let files = 0;

afterAll(() => rmSync(directory, { recursive: true, force: true }));

// The file store is a store like any other: the whole contract, with a second store on the
// same file as the other connection (atomicity under its lock file, the change feed through
// the file system), raw writes for Python-written and corrupt documents, and raw reads of the
// file itself.
describeStoreConformance('file', {
  createStore: () => {
    const path = join(directory, `flags-${++files}.json`);
    const store = new FileFeatureFlagStore(path);
    return {
      store,
      connect: async () => new FileFeatureFlagStore(path),
      writeRaw: (featureName, text) => store.writeRaw(featureName, text),
      readRaw: async (featureName) => {
        return existsSync(path) ? parseFlagFile(readFileSync(path, 'utf8')).get(featureName) : undefined;
      },
    };
  },
}, { syncReads: true, wholeDocumentWrites: true });
