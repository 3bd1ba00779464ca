/**
 * `@flipper-client/test-suite/cached`: the cached store's behaviour tests (single flight,
 * negative caching, TTL, stale-if-error, change-feed invalidation, preload and the mirror,
 * corrupt documents in the mirror, close, `put`) over any inner store with a change feed, so a backend
 * package or an integration suite runs them over its real store in a few lines:
 *
 *     describeCachedStoreBehaviour('redis', {
 *       createCache: (inner, settings) => new CachedFeatureFlagStore(inner, settings),
 *       createInner: async () => ({ store, connect, cleanup }),
 *     });
 *
 * `writtenAndAnnounced` makes a write behind a cache's back and waits until the cache shows it.
 */
import { describe } from '@jest/globals';
import { registerChangeFeedTests } from './change-feed.js';
import { registerCloseTests } from './close.js';
import { CachedBehaviourContext, type CachedBehaviourOptions } from './context.js';
import { registerCorruptDocumentTests } from './corrupt-documents.js';
import { registerFailureTests } from './failures.js';
import { registerPreloadTests } from './preload.js';
import { registerReadTests } from './reads.js';
import { registerWholeDocumentWriteTests } from './whole-document-writes.js';

export { writtenAndAnnounced } from './announced.js';
export type { CachedBehaviourOptions, CacheUnderTest } from './context.js';
export type { CacheErrorReport, CacheSettings, CachedStoreUnderTest, CreateCache } from './subject.js';

/** Registers the cached store's behaviour tests over the inner stores `createInner` makes (they need a change feed). */
export function describeCachedStoreBehaviour(name: string, options: CachedBehaviourOptions): void {
  describe(`cached store over ${name}`, () => {
    const ctx = new CachedBehaviourContext(options);
    registerReadTests(ctx);
    registerFailureTests(ctx);
    registerChangeFeedTests(ctx);
    registerPreloadTests(ctx);
    registerCorruptDocumentTests(ctx);
    registerCloseTests(ctx);
    if (options.wholeDocumentWrites !== false) registerWholeDocumentWriteTests(ctx);
  });
}
