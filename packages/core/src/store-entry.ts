/**
 * `@flipper-client/core/store`: everything a store author needs — the contract, its
 * capabilities, compare-and-set, shared reads, change listeners, the document codec and
 * Python's JSON. Applications import `@flipper-client/core` instead.
 */
export type {
  ChangeFeed,
  Closable,
  FeatureFlagStore,
  ItemChange,
  Readiness,
  StoreChange,
  StoreChangeListener,
  StoreCreateOptions,
  StoreListOptions,
  SyncReadable,
  Unsubscribe,
} from './store.js';
export { hasChangeFeed, hasReadiness, isClosable, isSyncReadable } from './store.js';
export { updateWithCompareAndSet } from './compare-and-set.js';
export type { CompareAndSetOptions, VersionedItem } from './compare-and-set.js';
export { ChangeListeners } from './change-listeners.js';
export { SharedReads } from './shared-reads.js';
export { FeatureFlagMeta, FeatureFlagStoreItem } from './item.js';
export type { FeatureFlagMetaInit, StoredDocument, StoredMeta } from './item.js';
export { encodeDocument, encodeMeta, encodeBucketer, decodeDocument, decodeStoredDocument, decodeMeta } from './document.js';
export { pythonJsonDumps } from './python-json.js';
export { assertFeatureName, assertClientData, MAX_FEATURE_NAME_BYTES } from './validation.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';
export {
  FlipperError,
  FlagDoesNotExistError,
  InvalidArgumentError,
  InvalidDocumentError,
  StoreError,
  UpdateConflictError,
} from './errors.js';
export type { FlipperErrorCode, FlipperErrorOptions } from './errors.js';
