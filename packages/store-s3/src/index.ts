export { S3FeatureFlagStore } from './s3-store.js';
export type { S3HistoryOptions, S3StoreOptions } from './options.js';
