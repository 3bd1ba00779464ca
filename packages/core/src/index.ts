export { FeatureFlagClient } from './client.js';
export type { CreateOptions, FeatureFlagClientOptions, IsEnabledOptions, ListOptions } from './client.js';
export { FeatureFlag } from './flag.js';
export { isEnabled } from './decorator.js';
export type { FlagGate, IsEnabledGateOptions } from './decorator.js';

export { Condition, CONDITION_OPERATORS, parseCheckKey } from './condition.js';
export type { ConditionOperator, StoredCondition, StoredConditionCheck } from './condition.js';
export { Percentage, LinearRampPercentage, systemClock } from './percentage.js';
export type {
  Clock,
  LinearRampOptions,
  PercentageSource,
  StoredConstantPercentage,
  StoredLinearRampPercentage,
  StoredPercentage,
} from './percentage.js';
export {
  NoOpBucketer,
  PercentageBucketer,
  ConsistentHashPercentageBucketer,
  isBucketer,
} from './bucketer.js';
export type {
  Bucketer,
  ConsistentHashPercentageBucketerOptions,
  PercentageBucketerOptions,
  StoredBucketer,
  StoredConsistentHashPercentageBucketer,
  StoredNoOpBucketer,
  StoredPercentageBucketer,
} from './bucketer.js';
export { consistentHashScore, consistentHashText } from './consistent-hash.js';
export type { Checks, UnmatchedConditions } from './evaluator.js';
export { describeExplanation, explainEvaluation } from './explain.js';
export type { EvaluationReason, Explanation, FailedCheck } from './explain.js';

export { FeatureFlagMeta, FeatureFlagStoreItem } from './item.js';
export type { FeatureFlagMetaInit, StoredDocument, StoredMeta } from './item.js';
export { encodeDocument, encodeMeta, encodeBucketer, decodeDocument, decodeStoredDocument, decodeMeta } from './document.js';
export { pythonJsonDumps } from './python-json.js';
export { compareCodePoints } from './python-compare.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';

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
export { MemoryFeatureFlagStore } from './memory-store.js';
export { ChangeListeners } from './change-listeners.js';
export { SharedReads } from './shared-reads.js';
export { assertFeatureName, assertClientData, MAX_FEATURE_NAME_BYTES } from './validation.js';

export { FlagEvents, ListenerError } from './events.js';
export type {
  ErrorEvent,
  FlagEvent,
  FlagEventListener,
  FlagEventSubscriber,
  FlagEventType,
  WriteEventDetails,
  WriteEventType,
  WriteName,
} from './events.js';

export {
  FlipperError,
  FlagDoesNotExistError,
  InvalidArgumentError,
  InvalidDocumentError,
  StoreError,
  UpdateConflictError,
  SyncEvaluationUnavailableError,
  EvaluationError,
} from './errors.js';
export type { FlipperErrorCode, FlipperErrorOptions } from './errors.js';
