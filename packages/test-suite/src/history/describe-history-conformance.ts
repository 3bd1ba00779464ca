import { describe, expect, it } from '@jest/globals';
import { hasCreateIfAbsent, hasHistory } from '@flipper-client/core/store';
import { registerConcurrencyTests } from './concurrency.js';
import { HistoryContext, type HistoryConformanceOptions } from './context.js';
import { registerEntryTests } from './entries.js';
import { registerPagingTests } from './paging.js';
import { registerRetentionTests } from './retention.js';
import { registerRollbackTests } from './rollback.js';

export interface HistoryCapabilities {
  /** The handle has `writeRaw`: writes that bypass the store are shown as outside changes. Default true. */
  writeRaw?: boolean;
}

/**
 * Registers the conformance tests of the `History` and `CreateIfAbsent` capabilities: an entry
 * per kind of write and none for a write that changed nothing, a consistent chain under
 * concurrent writers on their own connections, retention by count and age, paging per flag and
 * across flags, a byte-identical rollback, outside changes, and concurrent `createIfAbsent`
 * calls of which exactly one wins.
 */
export function describeHistoryConformance(name: string, options: HistoryConformanceOptions, capabilities: HistoryCapabilities = {}): void {
  describe(`${name} store history conformance`, () => {
    const ctx = new HistoryContext(options);
    registerEntryTests(ctx);
    registerConcurrencyTests(ctx);
    registerRetentionTests(ctx);
    registerPagingTests(ctx);
    registerRollbackTests(ctx, capabilities.writeRaw !== false);

    it('has both capabilities and the raw write it was told about', () => {
      expect(hasHistory(ctx.handle.store)).toBe(true);
      expect(hasCreateIfAbsent(ctx.handle.store)).toBe(true);
      expect(typeof ctx.handle.writeRaw).toBe(capabilities.writeRaw === false ? 'undefined' : 'function');
    });
  });
}
