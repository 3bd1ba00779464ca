export { S3FeatureFlagStore } from './s3-store.js';
export type { S3FeatureFlagStoreOptions } from './options.js';
export { MAX_PAGE_SIZE } from './options.js';
export { objectKeyOf } from './object-key.js';
