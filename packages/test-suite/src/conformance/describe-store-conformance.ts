import { describe, expect, it } from '@jest/globals';
import { hasWholeDocumentWrites } from '@flipper-client/core/store';
import { registerAtomicityTests } from './atomicity.js';
import { registerBasicTests } from './basic.js';
import { registerChangeFeedTests } from './change-feed.js';
import { registerClientTests } from './client.js';
import { ConformanceContext, type ConformanceGroup, type StoreCapabilities, type StoreConformanceOptions } from './context.js';
import { registerDocumentTests } from './documents.js';
import { registerListTests } from './list.js';
import { registerNameTests } from './names.js';
import { registerRawDocumentTests } from './raw-documents.js';
import { registerSyncReadTests } from './sync-reads.js';
import { registerWholeDocumentWriteTests } from './whole-document-writes.js';

/**
 * Registers the conformance tests of the store contract, one `describe` per group. `createStore`
 * is called before every test and must hand out an empty namespace; `capabilities` says which
 * optional groups apply, and `options.groups` switches any group off.
 */
export function describeStoreConformance(name: string, options: StoreConformanceOptions, capabilities: StoreCapabilities = {}): void {
  describe(`${name} store conformance`, () => {
    const ctx = new ConformanceContext(options);
    const runs = (group: ConformanceGroup, supported = true): boolean => supported && ctx.enabled(group);

    if (runs('basic')) registerBasicTests(ctx);
    if (runs('names')) registerNameTests(ctx);
    if (runs('documents')) registerDocumentTests(ctx);
    if (runs('list')) registerListTests(ctx);
    if (runs('rawDocuments', capabilities.writeRaw !== false)) registerRawDocumentTests(ctx);
    if (runs('atomicity', capabilities.atomicUpdates !== false)) registerAtomicityTests(ctx);
    if (runs('changeFeed', capabilities.changeFeed !== false)) registerChangeFeedTests(ctx);
    if (runs('syncReads', capabilities.syncReads !== false)) registerSyncReadTests(ctx);
    if (runs('wholeDocumentWrites', capabilities.wholeDocumentWrites !== false)) registerWholeDocumentWriteTests(ctx, capabilities);
    if (runs('client')) registerClientTests(ctx);

    it('declares the capabilities the suite was told about', () => {
      const { store, writeRaw, readRaw } = ctx.handle;
      if (capabilities.changeFeed !== false) expect(typeof store.watch).toBe('function');
      if (capabilities.syncReads !== false) expect(typeof store.getSync).toBe('function');
      if (capabilities.writeRaw !== false) expect(typeof writeRaw).toBe('function');
      if (capabilities.readRaw !== false) expect(typeof readRaw).toBe('function');
      // Both ways: composing stores and the CLI use a `put` wherever they find one.
      expect(hasWholeDocumentWrites(store)).toBe(capabilities.wholeDocumentWrites !== false);
      expect(store.atomicUpdates ?? true).toBe(capabilities.atomicUpdates ?? true);
    });
  });
}
