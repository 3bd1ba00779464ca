import { describeStoreConformance } from '../src/index.js';
import { TextDocumentStore, TextDocuments } from './support/text-document-store.js';

// Every group, `rawDocuments` included, over a store built as a backend store is: documents as
// text, compare-and-set writes, other connections to the same data.
describeStoreConformance('text documents', {
  createStore: () => {
    const backend = new TextDocuments();
    return {
      store: new TextDocumentStore(backend),
      connect: async () => new TextDocumentStore(backend),
      writeRaw: async (featureName, text) => backend.put(featureName, text),
      readRaw: async (featureName) => backend.read(featureName)?.text,
    };
  },
}, { syncReads: false });
