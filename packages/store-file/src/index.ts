export { FileFeatureFlagStore } from './file-store.js';
export type { FileStoreOptions, FileStoreLogger } from './options.js';
export type { FileStoreEvents, FileStoreEventName } from './file-store-events.js';
export { FileFormatError } from './errors.js';
export { parseFlagFile, formatFlagFile } from './file-format.js';
