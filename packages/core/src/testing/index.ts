/**
 * The store conformance suite. A store package wires it in a few lines:
 *
 *     import { describeStoreConformance } from '@flipper-client/core/testing';
 *     describeStoreConformance('redis', { createStore: async () => ({ store: ... }) });
 *
 * It registers jest tests (through `@jest/globals`) for the whole store contract; groups that a
 * store cannot support are skipped by what the store declares (no `watch`, no `getSync`,
 * `atomicUpdates: false`), and any group can be switched off with `groups`.
 */
import { describe, it, expect } from '@jest/globals';
import { registerAtomicityTests } from './atomicity.js';
import { registerBasicTests } from './basic.js';
import { registerChangeFeedTests } from './change-feed.js';
import { registerClientTests } from './client.js';
import { ConformanceContext, type ConformanceStoreHandle, type StoreConformanceOptions } from './context.js';
import { registerDocumentTests } from './documents.js';
import { registerListTests } from './list.js';
import { registerNameTests } from './names.js';
import { registerRawDocumentTests } from './raw-documents.js';
import { registerSyncReadTests } from './sync-reads.js';

export type { ConformanceGroup, ConformanceStoreHandle, StoreConformanceOptions } from './context.js';
export { collect, waitFor } from './context.js';
export { AWKWARD_NAMES } from './names.js';
export { PYTHON_DOCUMENTS } from './python-documents.js';
export { FaultyStore, Gate, WRITE_OPERATIONS } from './faulty-store.js';
export type { LoggedWrite, StoreOperation } from './faulty-store.js';
export { findSecretPaths } from './secret-paths.js';

/**
 * Registers the conformance tests for a store. `createStore` is called before every test and
 * must hand out an empty namespace; `capabilities` says which optional groups apply.
 */
export function describeStoreConformance(name: string, options: StoreConformanceOptions, capabilities: StoreCapabilities = {}): void {
  describe(`${name} store conformance`, () => {
    const ctx = new ConformanceContext(options);
    const runs = (group: Parameters<ConformanceContext['enabled']>[0], supported = true): boolean =>
      supported && ctx.enabled(group);

    if (runs('basic')) registerBasicTests(ctx);
    if (runs('names')) registerNameTests(ctx);
    if (runs('documents')) registerDocumentTests(ctx);
    if (runs('list')) registerListTests(ctx);
    if (runs('rawDocuments', capabilities.writeRaw !== false)) registerRawDocumentTests(ctx);
    if (runs('atomicity', capabilities.atomicUpdates !== false)) registerAtomicityTests(ctx);
    if (runs('changeFeed', capabilities.changeFeed !== false)) registerChangeFeedTests(ctx);
    if (runs('syncReads', capabilities.syncReads !== false)) registerSyncReadTests(ctx);
    if (runs('client')) registerClientTests(ctx);

    it('declares the capabilities the suite was told about', () => {
      const { store, writeRaw } = ctx.handle as ConformanceStoreHandle;
      if (capabilities.changeFeed !== false) expect(typeof store.watch).toBe('function');
      if (capabilities.syncReads !== false) expect(typeof store.getSync).toBe('function');
      if (capabilities.writeRaw !== false) expect(typeof writeRaw).toBe('function');
      expect(store.atomicUpdates ?? true).toBe(capabilities.atomicUpdates ?? true);
    });
  });
}

/**
 * What the store offers, stated by the test that wires the suite (jest registers tests before
 * any store exists, so they cannot be probed). Each defaults to true; the last test of the
 * suite checks the statement against the store.
 */
export interface StoreCapabilities {
  changeFeed?: boolean;
  syncReads?: boolean;
  atomicUpdates?: boolean;
  writeRaw?: boolean;
}
