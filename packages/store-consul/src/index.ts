export { ConsulFeatureFlagStore } from './consul-store.js';
export type { ConsulConsistency, ConsulStoreOptions, ConsulRetryOptions } from './options.js';
export type { WatchStatus } from './watch-loop.js';
