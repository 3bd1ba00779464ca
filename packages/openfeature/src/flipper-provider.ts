import type { Explanation, FeatureFlagClient } from '@flipper-client/core';
import {
  assertFeatureName,
  explainEvaluation,
  hasChangeFeed,
  hasReadiness,
  type FeatureFlagStoreItem,
  type StoreChange,
  type Unsubscribe,
} from '@flipper-client/core/store';
import {
  OpenFeatureEventEmitter,
  ProviderEvents,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import { contextToChecks, resolutionOf } from '@flipper-client/openfeature-mapping';
import { flagMetadataOf } from './flag-metadata.js';
import { resolveProviderOptions, type FlipperProviderOptions, type ResolvedProviderOptions } from './provider-options.js';
import {
  contextFailureResolution,
  flagNotFoundResolution,
  readFailureResolution,
  typeMismatchResolution,
} from './resolution-error.js';

/**
 * An OpenFeature server provider over a flipper `FeatureFlagClient`. Flipper flags are boolean:
 * boolean evaluations give the client's answer with the reason for it, every other type is a
 * TYPE_MISMATCH. It reads flags through the client's store, so it works over any store.
 */
export class FlipperProvider implements Provider {
  readonly metadata = { name: 'flipper' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  private readonly client: FeatureFlagClient;
  private readonly options: ResolvedProviderOptions;
  private unsubscribe: Unsubscribe | undefined;
  /** Counts `onClose` calls, so that an `initialize` still awaiting the store sees it was closed. */
  private closings = 0;

  constructor(client: FeatureFlagClient, options: FlipperProviderOptions = {}) {
    this.client = client;
    this.options = resolveProviderOptions(client, options);
  }

  /**
   * Resolves when the store has done its first load (its `ready()`, for stores with one; at once
   * otherwise); the SDK then emits READY, or ERROR if the store's `ready()` rejected. From then
   * on, changes from the store's change feed are emitted as CONFIGURATION_CHANGED.
   */
  async initialize(): Promise<void> {
    const store = this.client.store;
    const closings = this.closings;
    if (hasReadiness(store)) await store.ready();
    // Subscribed after the first load: what it loaded is covered by READY, not by change events.
    if (closings === this.closings && this.unsubscribe === undefined && hasChangeFeed(store)) {
      this.unsubscribe = store.watch((change) => this.announce(change));
    }
  }

  /** Stops listening to the store's change feed. The store itself belongs to the application. */
  async onClose(): Promise<void> {
    this.closings++;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    unsubscribe?.();
  }

  async resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext = {},
  ): Promise<ResolutionDetails<boolean>> {
    // Each answer is counted in the client's usage counts, as its own isEnabled counts.
    let item: FeatureFlagStoreItem | undefined;
    try {
      item = await this.read(flagKey);
    } catch (error) {
      this.count(flagKey, 'default');
      return readFailureResolution(defaultValue, error);
    }
    if (item === undefined) {
      this.count(flagKey, 'default');
      return flagNotFoundResolution(defaultValue, flagKey);
    }
    const flagMetadata = flagMetadataOf(item);
    const unmatched = this.options.unmatchedConditions;
    let explanation: Explanation;
    try {
      explanation = explainEvaluation(item, contextToChecks(context, this.options), unmatched);
    } catch (error) {
      this.count(flagKey, 'default');
      return contextFailureResolution(defaultValue, flagKey, error, flagMetadata);
    }
    const { value, reason, variant, metadata } = resolutionOf(explanation);
    this.count(flagKey, value);
    return { value, reason, variant, flagMetadata: { ...flagMetadata, ...metadata } };
  }

  async resolveStringEvaluation(flagKey: string, defaultValue: string): Promise<ResolutionDetails<string>> {
    return typeMismatchResolution(defaultValue, flagKey, 'string');
  }

  async resolveNumberEvaluation(flagKey: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    return typeMismatchResolution(defaultValue, flagKey, 'number');
  }

  async resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): Promise<ResolutionDetails<T>> {
    return typeMismatchResolution(defaultValue, flagKey, 'object');
  }

  /** Counts the answer in the client's usage counts; a core from before usage counting has no such call. */
  private count(flagKey: string, result: boolean | 'default'): void {
    (this.client as Partial<Pick<FeatureFlagClient, 'countEvaluation'>>).countEvaluation?.(flagKey, result);
  }

  private async read(flagKey: string): Promise<FeatureFlagStoreItem | undefined> {
    assertFeatureName(flagKey);
    return this.client.store.get(flagKey);
  }

  private announce(change: StoreChange): void {
    try {
      if (change.kind === 'flag') {
        this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: [change.featureName] });
      } else {
        // Changes may have been missed: every flag may have changed, so no list is given.
        this.events.emit(ProviderEvents.ConfigurationChanged);
      }
    } catch {
      // A store's change listener must not throw; a failing handler is the SDK's to report.
    }
  }
}
