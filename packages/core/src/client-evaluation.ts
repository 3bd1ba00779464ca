import { resolveUnmatchedConditions, type FeatureFlagClientOptions, type IsEnabledOptions } from './client-options.js';
import { asFlipperError, evaluationFailed, SyncEvaluationUnavailableError, type FlipperError } from './errors.js';
import type { Checks, UnmatchedConditions } from './evaluator.js';
import { FlagEvents } from './events.js';
import { explainEvaluation, type Explanation } from './explain.js';
import type { FeatureFlagStoreItem } from './item.js';
import { StoreCalls } from './store-calls.js';
import { isSyncReadable, type FeatureFlagStore, type SyncReadable } from './store.js';
import { UsageReporter, type UsageCounter } from './usage-reporter.js';
import { assertFeatureName } from './validation.js';

// Shared settled promises: the synchronous path of `isEnabled` allocates nothing.
const TRUE = Promise.resolve(true);
const FALSE = Promise.resolve(false);

/**
 * The evaluating half of `FeatureFlagClient`: its store, events and the calls that answer
 * whether a flag is on. The managing half (writes, history) extends it in `client.ts`.
 */
export abstract class EvaluatingClient<TName extends string = string> {
  readonly store: FeatureFlagStore;
  readonly events = new FlagEvents();
  /** How evaluation treats checks that name no condition's variable (see the constructor option). */
  readonly unmatchedConditions: UnmatchedConditions;
  private readonly syncStore: SyncReadable | undefined;
  protected readonly calls: StoreCalls;
  private readonly usageReporter: UsageReporter | undefined;
  /** The hot path's tally; undefined when counting is off or closed. */
  private usage: UsageCounter | undefined;

  constructor(store: FeatureFlagStore, options: FeatureFlagClientOptions = {}) {
    this.store = store;
    this.unmatchedConditions = resolveUnmatchedConditions(options);
    this.syncStore = isSyncReadable(store) ? store : undefined;
    this.calls = new StoreCalls(store, this.events);
    this.usageReporter = UsageReporter.create(store, options.usage, this.events);
    this.usage = this.usageReporter?.counter;
  }

  /** Sends the evaluation counts so far to the store (and meter) now; never rejects. */
  async flushUsage(): Promise<void> {
    await this.usageReporter?.flush();
  }

  /** Counts an evaluation made without `isEnabled` (the OpenFeature provider): its answer, or `'default'`. */
  countEvaluation(featureName: string, result: boolean | 'default'): void {
    this.usage?.count(featureName, result);
  }

  /** Stops counting and flushes the last counts; never rejects. The store, the application's, stays open. */
  async close(): Promise<void> {
    this.usage = undefined;
    await this.usageReporter?.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation: never rejects, never throws into the request path.

  /**
   * Whether the flag is on for these checks. Resolves to `options.default` (false unless given)
   * when the flag is missing, the store fails or the document is corrupt; failures are reported
   * on `events` as `error`. Never rejects.
   */
  isEnabled(featureName: TName, checks?: Checks, options?: IsEnabledOptions): Promise<boolean> {
    const local = this.syncStore;
    if (local !== undefined && local.syncReady) {
      let item: FeatureFlagStoreItem | undefined;
      try {
        item = local.getSync(featureName);
      } catch (error) {
        return this.readFailed(featureName, error, options) ? TRUE : FALSE;
      }
      // The common cases answer without calling into the evaluator at all.
      if (item === undefined) return this.missing(featureName, options) ? TRUE : FALSE;
      const answer = item.constantAnswer;
      if (answer === undefined) return this.evaluate(featureName, item, checks, options) ? TRUE : FALSE;
      return (this.usage?.answered(featureName, answer) ?? answer) ? TRUE : FALSE;
    }
    return this.isEnabledFromStore(featureName, checks, options);
  }

  /**
   * `isEnabled` without a Promise, for stores holding a complete, current local copy (the memory
   * store, a synced Consul store, a preloaded cache with a change feed). Throws
   * `SyncEvaluationUnavailableError` at once on any other store rather than guess; otherwise
   * never throws.
   */
  isEnabledSync(featureName: TName, checks?: Checks, options?: IsEnabledOptions): boolean {
    const local = this.syncStore;
    if (local === undefined) {
      throw new SyncEvaluationUnavailableError(featureName, `the ${this.store.storeName} store keeps no local copy`);
    }
    if (!local.syncReady) {
      throw new SyncEvaluationUnavailableError(
        featureName,
        `the ${this.store.storeName} store's local copy is not complete yet (await its ready() or preload())`,
      );
    }
    let item: FeatureFlagStoreItem | undefined;
    try {
      item = local.getSync(featureName);
    } catch (error) {
      return this.readFailed(featureName, error, options);
    }
    return this.evaluate(featureName, item, checks, options);
  }

  /**
   * What `isEnabled` answers for these checks and which rule decided it (see `EvaluationReason`).
   * For admin pages, the command line and logs: unlike `isEnabled` it rejects, with a
   * `StoreError` when the store fails, `InvalidDocumentError` for a corrupt document and
   * `EvaluationError` for checks that cannot be evaluated.
   */
  async explain(featureName: TName, checks?: Checks, options?: IsEnabledOptions): Promise<Explanation> {
    assertFeatureName(featureName);
    const item = await this.calls.call(featureName, 'get', () => this.store.get(featureName));
    if (item === undefined) return { featureName, enabled: options?.default === true, reason: { kind: 'missing' } };
    try {
      return explainEvaluation(item, checks, this.unmatchedConditions);
    } catch (error) {
      throw evaluationFailed(featureName, error);
    }
  }

  /** Reports a failed read on `events` and answers the caller's default. */
  private readFailed(featureName: string, error: unknown, options: IsEnabledOptions | undefined): boolean {
    this.reportError(featureName, asFlipperError(this.store.storeName, 'get', error, featureName));
    return this.missing(featureName, options);
  }

  /** The caller's default, counted as such. */
  private missing(featureName: string, options: IsEnabledOptions | undefined): boolean {
    const answer = options?.default === true;
    return this.usage?.defaulted(featureName, answer) ?? answer;
  }

  private async isEnabledFromStore(featureName: string, checks: Checks | undefined, options: IsEnabledOptions | undefined): Promise<boolean> {
    let item: FeatureFlagStoreItem | undefined;
    try {
      assertFeatureName(featureName);
      item = await this.store.get(featureName);
    } catch (error) {
      return this.readFailed(featureName, error, options);
    }
    return this.evaluate(featureName, item, checks, options);
  }

  private evaluate(
    featureName: string,
    item: FeatureFlagStoreItem | undefined,
    checks: Checks | undefined,
    options: IsEnabledOptions | undefined,
  ): boolean {
    if (item === undefined) return this.missing(featureName, options);
    let answer: boolean;
    try {
      answer = item.evaluate(checks, this.unmatchedConditions);
    } catch (error) {
      this.reportError(featureName, evaluationFailed(featureName, error));
      return this.missing(featureName, options);
    }
    return this.usage?.answered(featureName, answer) ?? answer;
  }

  protected reportError(featureName: string | undefined, error: FlipperError): void {
    this.events.emit({ type: 'error', featureName, error });
  }
}
