import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeStoreConformance } from '../src/index.js';

// The suite tests itself against the core's memory store, the reference implementation of the
// contract: every group but `rawDocuments` and the stored bytes of `put`, as the memory store
// holds items, not documents.
describeStoreConformance('memory', { createStore: () => ({ store: new MemoryFeatureFlagStore() }) }, { writeRaw: false, readRaw: false });
