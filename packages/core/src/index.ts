/**
 * `@flipper-client/core`: the application API — the client, conditions, bucketing, events,
 * errors and the in-memory store. Store authors import the store contract and its helpers from
 * `@flipper-client/core/store`.
 */
export { FeatureFlagClient } from './client.js';
export type { CreateOptions, FeatureFlagClientOptions, IsEnabledOptions, ListOptions } from './client-options.js';
export { FeatureFlag } from './flag.js';
export { isEnabled } from './decorator.js';
export type { FlagGate, IsEnabledGateOptions } from './decorator.js';
export { MemoryFeatureFlagStore } from './memory-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
export type { HistoryAction, HistoryEntry, HistoryReadOptions, HistoryRetention } from './history.js';
export type { FlagHistoryItem, FlagSnapshot, OutsideChange } from './client-history.js';

export { Condition, CONDITION_OPERATORS } from './condition.js';
export type { ConditionOperator, StoredCondition, StoredConditionCheck } from './condition.js';
export { Percentage, LinearRampPercentage } from './percentage.js';
export type {
  Clock,
  LinearRampOptions,
  PercentageSource,
  StoredConstantPercentage,
  StoredLinearRampPercentage,
  StoredPercentage,
} from './percentage.js';
export { NoOpBucketer, PercentageBucketer, ConsistentHashPercentageBucketer } from './bucketer.js';
export type {
  Bucketer,
  ConsistentHashPercentageBucketerOptions,
  PercentageBucketerOptions,
  StoredBucketer,
  StoredConsistentHashPercentageBucketer,
  StoredNoOpBucketer,
  StoredPercentageBucketer,
} from './bucketer.js';
export type { Checks, UnmatchedConditions } from './evaluator.js';
export type { StoredMeta } from './item.js';
export { describeExplanation } from './explain.js';
export type { EvaluationReason, Explanation, FailedCheck } from './explain.js';
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';

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
  EvaluationError,
} from './errors.js';
export type { FlipperErrorCode, FlipperErrorOptions, StoreErrorOptions, StoreFailureCode } from './errors.js';
export { DocumentTooLargeError, DEFAULT_MAX_DOCUMENT_BYTES } from './document-size.js';

// Usage counting (issue 25).
export type { UsageOptions } from './usage-options.js';
export type { MetricAttributes, MetricCounter, UsageMeter } from './usage-meter.js';
export type { DailyUsage, EvaluationCounts, FlagUsage, UsageQuery } from './usage.js';
export { hasUsageCounts } from './store-usage.js';
export type { UsageCounts } from './store-usage.js';
export { assessStaleness, describeStaleReason, fixedAnswer, isPermanent, PERMANENT_KEY, DEFAULT_STALE_DAYS } from './staleness.js';
export type { StaleReason, Staleness, StalenessInput, StalenessOptions } from './staleness.js';
export { staleFlags } from './stale-flags.js';
