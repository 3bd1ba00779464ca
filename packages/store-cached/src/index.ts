export { CachedFeatureFlagStore } from './cached-store.js';
export type {
  CacheErrorContext,
  CacheErrorListener,
  CacheOperation,
  CachedStoreOptions,
} from './options.js';
