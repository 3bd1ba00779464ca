export { RedisFeatureFlagStore } from './redis-store.js';
export type { RedisStoreOptions, KeyspaceEventsMode } from './options.js';
export type { ChangeFeedSource } from './change-feed.js';
export type { RedisClient } from './redis-client.js';
