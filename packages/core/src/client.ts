import type { Bucketer } from './bucketer.js';
import type { Condition } from './condition.js';
import {
  assertListOptions,
  resolveUnmatchedConditions,
  type CreateOptions,
  type FeatureFlagClientOptions,
  type IsEnabledOptions,
  type ListOptions,
} from './client-options.js';
import {
  asFlipperError,
  evaluationFailed,
  FlagDoesNotExistError,
  InvalidArgumentError,
  InvalidDocumentError,
  SyncEvaluationUnavailableError,
  type FlipperError,
} from './errors.js';
import type { Checks, UnmatchedConditions } from './evaluator.js';
import { FlagEvents } from './events.js';
import { explainEvaluation, type Explanation } from './explain.js';
import { FeatureFlag, type FlagCalls } from './flag.js';
import type { FeatureFlagStoreItem, StoredMeta } from './item.js';
import type { JsonObject } from './json.js';
import { StoreCalls } from './store-calls.js';
import { isSyncReadable, type FeatureFlagStore, type SyncReadable } from './store.js';
import { UsageReporter, type UsageCounter } from './usage-reporter.js';
import { assertBucketer, assertClientData, assertCondition, assertFeatureName } from './validation.js';

// Shared settled promises: the synchronous path of `isEnabled` allocates nothing.
const TRUE = Promise.resolve(true);
const FALSE = Promise.resolve(false);

/**
 * The entry point: checks and manages flags kept in a store.
 *
 * `TName` narrows flag names at compile time: `new FeatureFlagClient<'NEW_CHECKOUT'>(store)`
 * accepts only that name; the default `string` accepts any.
 */
export class FeatureFlagClient<TName extends string = string> implements FlagCalls<TName> {
  readonly store: FeatureFlagStore;
  readonly events = new FlagEvents();
  /** How evaluation treats checks that name no condition's variable (see the constructor option). */
  readonly unmatchedConditions: UnmatchedConditions;
  private readonly syncStore: SyncReadable | undefined;
  private readonly calls: StoreCalls;
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

  private reportError(featureName: string | undefined, error: FlipperError): void {
    this.events.emit({ type: 'error', featureName, error });
  }

  // ---------------------------------------------------------------------------------------------
  // Management: validates before anything is written, rejects with typed errors.

  /** A handle on the flag; no I/O. */
  get(featureName: TName): FeatureFlag<TName> {
    assertFeatureName(featureName);
    return new FeatureFlag(this, featureName);
  }

  async exists(featureName: TName): Promise<boolean> {
    assertFeatureName(featureName);
    return (await this.calls.call(featureName, 'get', () => this.store.get(featureName))) !== undefined;
  }

  /** Creates the flag (replacing one of the same name, as the Python library does). */
  async create(featureName: TName, options: CreateOptions = {}): Promise<FeatureFlag<TName>> {
    assertFeatureName(featureName);
    const isEnabled = options.isEnabled ?? false;
    if (typeof isEnabled !== 'boolean') throw new InvalidArgumentError('isEnabled must be a boolean', { featureName });
    const clientData = options.clientData ?? {};
    assertClientData(featureName, clientData);
    await this.calls.write(featureName, 'create', { isEnabled, clientData }, () =>
      this.store.create(featureName, { isEnabled, clientData }),
    );
    return new FeatureFlag(this, featureName);
  }

  async enable(featureName: TName): Promise<void> {
    assertFeatureName(featureName);
    await this.calls.write(featureName, 'enable', {}, () => this.store.update(featureName, (item) => item.withEnabled(true)));
  }

  async disable(featureName: TName): Promise<void> {
    assertFeatureName(featureName);
    await this.calls.write(featureName, 'disable', {}, () => this.store.update(featureName, (item) => item.withEnabled(false)));
  }

  /**
   * Deletes the flag; rejects with `FlagDoesNotExistError` when there is none. A flag whose
   * stored document is corrupt can be destroyed: that is how it gets cleaned up.
   */
  async destroy(featureName: TName): Promise<void> {
    assertFeatureName(featureName);
    await this.require(featureName).catch((error: unknown) => {
      if (!(error instanceof InvalidDocumentError)) throw error;
    });
    await this.calls.write(featureName, 'destroy', {}, () => this.store.delete(featureName));
  }

  /** Merges `clientData` into the flag's client data (top-level keys replace). */
  async setClientData(featureName: TName, clientData: Record<string, unknown>): Promise<void> {
    assertFeatureName(featureName);
    assertClientData(featureName, clientData);
    await this.calls.changeMeta(featureName, 'set_client_data', { clientData }, (meta) => ({
      clientData: { ...meta.clientData, ...clientData },
    }));
  }

  async getClientData(featureName: TName): Promise<JsonObject> {
    return (await this.require(featureName)).clientData();
  }

  /** The flag's metadata in its stored shape: `client_data`, `created_date`, `conditions`, `bucketer`. */
  async getMeta(featureName: TName): Promise<StoredMeta> {
    return (await this.require(featureName)).meta.toJSON();
  }

  async addCondition(featureName: TName, condition: Condition): Promise<void> {
    assertFeatureName(featureName);
    assertCondition(featureName, condition);
    await this.calls.changeMeta(featureName, 'add_condition', { condition }, (meta) => ({ conditions: [...meta.conditions, condition] }));
  }

  /** Replaces all of the flag's conditions. */
  async setConditions(featureName: TName, conditions: readonly Condition[]): Promise<void> {
    assertFeatureName(featureName);
    if (!Array.isArray(conditions)) throw new InvalidArgumentError('conditions must be an array of Condition', { featureName });
    for (const condition of conditions) assertCondition(featureName, condition);
    const copy = Object.freeze([...conditions]);
    await this.calls.changeMeta(featureName, 'set_conditions', { conditions: copy }, () => ({ conditions: copy }));
  }

  async setBucketer(featureName: TName, bucketer: Bucketer): Promise<void> {
    assertFeatureName(featureName);
    assertBucketer(featureName, bucketer);
    await this.calls.changeMeta(featureName, 'set_bucketer', { bucketer }, () => ({ bucketer }));
  }

  /** Every flag, as handles, in the store's order. Corrupt documents are skipped and reported as `error` events. */
  async *list(options: ListOptions = {}): AsyncIterable<FeatureFlag<TName>> {
    assertListOptions(options);
    const listing = this.store.list({
      ...(options.limit === undefined ? {} : { limit: options.limit }),
      offset: options.offset ?? 0,
      onInvalid: (error) => this.reportError(error.featureName, error),
    });
    try {
      for await (const item of listing) yield new FeatureFlag(this, item.featureName as TName);
    } catch (error) {
      throw asFlipperError(this.store.storeName, 'list', error);
    }
  }

  private async require(featureName: string): Promise<FeatureFlagStoreItem> {
    assertFeatureName(featureName);
    const item = await this.calls.call(featureName, 'get', () => this.store.get(featureName));
    if (item === undefined) throw new FlagDoesNotExistError(featureName);
    return item;
  }
}
