/**
 * `@flipper-client/core/store`: what a store author needs, and nothing an application needs.
 *
 * - The contract, `FeatureFlagStore`, and its optional capabilities (`ChangeFeed`,
 *   `SyncReadable`, `Readiness`, `Closable`, `WholeDocumentWrites`, `History`,
 *   `CreateIfAbsent`) with the guards composing stores test them with.
 * - History: the entry and write-context types, `compareHistoryIds`, retention defaults and
 *   `defaultActor()`, the actor of a write that names none.
 *   Start with the TSDoc of `FeatureFlagStore`: what a missing flag returns, what must be
 *   atomic, what the listing order means.
 * - Items: `FeatureFlagStoreItem` (one flag, immutable, its evaluation compiled) and
 *   `FeatureFlagMeta`.
 * - The document codec, byte for byte the Python library's: `encodeDocument` /
 *   `decodeDocument`, and `pythonJsonDumps` for other JSON the Python side reads.
 * - Compare-and-set: `updateWithCompareAndSet` (behind `update`) and `setOrCreate` (behind
 *   `set`) retry a store's conditional read and write until they win.
 * - `SharedReads` (concurrent reads of a flag share one round trip) and `ChangeListeners` (the
 *   subscribers of a change feed).
 *
 * The error classes and JSON types are the main entry point's, repeated here so that a store
 * imports from one place. The conformance suite is `@flipper-client/test-suite`.
 */
export type {
  ChangeFeed,
  Closable,
  CreateIfAbsent,
  FeatureFlagStore,
  History,
  ItemChange,
  Readiness,
  StoreChange,
  StoreChangeListener,
  StoreCreateOptions,
  StoreListOptions,
  SyncReadable,
  Unsubscribe,
  WholeDocumentWrites,
} from './store.js';
export { hasChangeFeed, hasCreateIfAbsent, hasHistory, hasReadiness, hasWholeDocumentWrites, isSyncReadable } from './store.js';
export {
  assertActor,
  compareHistoryIds,
  contextOrDefault,
  defaultActor,
  isHistoryId,
  resolveHistoryReadOptions,
  resolveHistoryRetention,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_HISTORY_PAGE,
  MAX_ACTOR_LENGTH,
} from './history.js';
export type { HistoryAction, HistoryEntry, HistoryReadOptions, HistoryRetention, ResolvedHistoryRetention, WriteContext } from './history.js';
export { FeatureFlagMeta, FeatureFlagStoreItem } from './item.js';
export type { FeatureFlagMetaInit, StoredDocument, StoredMeta } from './item.js';
export type { StoredCondition, StoredConditionCheck } from './condition.js';
export type { StoredBucketer } from './bucketer.js';
export type { StoredPercentage } from './percentage.js';

export { encodeDocument, encodeMeta, encodeBucketer, decodeDocument, decodeStoredDocument, decodeMeta } from './document.js';
export { strictDocumentText } from './document-text.js';
export { pythonJsonDumps } from './python-json.js';
export { compareCodePoints } from './python-compare.js';

export { setOrCreate, updateWithCompareAndSet } from './compare-and-set.js';
export { httpWriteFailureCode } from './write-failure.js';
export type { HttpWriteFailure } from './write-failure.js';
export type { CompareAndSetOptions, ConditionalAccess, SetOrCreateOptions, VersionedItem } from './compare-and-set.js';
export { SharedReads } from './shared-reads.js';
export { ChangeListeners } from './change-listeners.js';

export { assertFeatureName, assertClientData, MAX_FEATURE_NAME_BYTES } from './validation.js';
export {
  assertReadableSize,
  assertWritableSize,
  decodeDocumentWithin,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DocumentTooLargeError,
  resolveMaxDocumentBytes,
} from './document-size.js';
export { explainEvaluation } from './explain.js';

export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';
export {
  FlipperError,
  FlagDoesNotExistError,
  FlagExistsError,
  HistoryEntryNotFoundError,
  NotSupportedError,
  InvalidArgumentError,
  InvalidDocumentError,
  StoreError,
  WriteNotAppliedError,
  WriteOutcomeUnknownError,
  UpdateConflictError,
  SyncEvaluationUnavailableError,
} from './errors.js';
export type { FlipperErrorCode, FlipperErrorOptions, StoreErrorOptions, StoreFailureCode } from './errors.js';

// Usage counts (issue 25): the capability, its guard and its data.
export type { UsageCounts } from './store-usage.js';
export { hasUsageCounts } from './store-usage.js';
export type { DailyUsage, EvaluationCounts, FlagUsage, FlagUsageDelta, UsageQuery, UsageReport } from './usage.js';
export { summarizeUsage, usageDay, usageWindow } from './usage.js';
