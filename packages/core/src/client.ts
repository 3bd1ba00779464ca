import type { Bucketer } from './bucketer.js';
import { flagHistory, historyAcrossFlags, rollback, snapshotAt, type FlagHistoryItem, type FlagSnapshot } from './client-history.js';
import { EvaluatingClient } from './client-evaluation.js';
import { assertListOptions, type CreateOptions, type FeatureFlagClientOptions, type ListOptions } from './client-options.js';
import type { Condition } from './condition.js';
import { asFlipperError, FlagDoesNotExistError, InvalidArgumentError, InvalidDocumentError, NotSupportedError } from './errors.js';
import { FeatureFlag, type FlagCalls } from './flag.js';
import { assertActor, defaultActor, type HistoryAction, type HistoryReadOptions, type WriteContext } from './history.js';
import type { FeatureFlagStoreItem, StoredMeta } from './item.js';
import type { JsonObject } from './json.js';
import { hasCreateIfAbsent, type FeatureFlagStore } from './store.js';
import { assertBucketer, assertClientData, assertCondition, assertFeatureName, checkedCreateOptions } from './validation.js';

/**
 * The entry point: checks and manages flags kept in a store.
 *
 * `TName` narrows flag names at compile time: `new FeatureFlagClient<'NEW_CHECKOUT'>(store)`
 * accepts only that name; the default `string` accepts any.
 */
export class FeatureFlagClient<TName extends string = string> extends EvaluatingClient<TName> implements FlagCalls<TName> {
  /** Who this client's writes are recorded as (see the `actor` option and {@link as}). */
  readonly actor: string;

  constructor(store: FeatureFlagStore, options: FeatureFlagClientOptions = {}) {
    super(store, options);
    const actor = options.actor ?? defaultActor();
    assertActor(actor);
    this.actor = actor;
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

  /**
   * A view of this client whose writes are recorded as `actor` (a non-blank string: `user:alice`),
   * sharing its store and its events; for instance one per request of an admin user.
   */
  as(actor: string): FeatureFlagClient<TName> {
    assertActor(actor);
    // A view, not a copy: listeners on `events` hear the view's writes, and nothing is rebuilt.
    return Object.create(this, { actor: { value: actor, enumerable: true } }) as FeatureFlagClient<TName>;
  }

  /**
   * Creates the flag, **replacing any flag of the same name** with a fresh one (off unless
   * `isEnabled`), as the Python library does. To create without ever overwriting, use
   * {@link createIfAbsent}.
   */
  async create(featureName: TName, options: CreateOptions = {}): Promise<FeatureFlag<TName>> {
    const init = checkedCreateOptions(featureName, options);
    await this.calls.write(featureName, 'create', init, () => this.store.create(featureName, init, this.context('create')));
    return new FeatureFlag(this, featureName);
  }

  /**
   * Creates the flag only if none of that name is stored, decided atomically by the store: of
   * concurrent creates of one name exactly one succeeds, the others reject with
   * `FlagExistsError` (code `FLAG_EXISTS`) and write nothing. Announced as `pre_create` /
   * `post_create`. Rejects with `NotSupportedError` on a store without `createIfAbsent`.
   */
  async createIfAbsent(featureName: TName, options: CreateOptions = {}): Promise<FeatureFlag<TName>> {
    const init = checkedCreateOptions(featureName, options);
    const store = this.store;
    if (!hasCreateIfAbsent(store)) throw new NotSupportedError(store.storeName, 'createIfAbsent', { featureName });
    await this.calls.write(featureName, 'create', init, () => store.createIfAbsent(featureName, init, this.context('create_if_absent')));
    return new FeatureFlag(this, featureName);
  }

  async enable(featureName: TName): Promise<void> {
    assertFeatureName(featureName);
    await this.calls.write(featureName, 'enable', {}, () =>
      this.store.update(featureName, (item) => item.withEnabled(true), this.context('enable')),
    );
  }

  async disable(featureName: TName): Promise<void> {
    assertFeatureName(featureName);
    await this.calls.write(featureName, 'disable', {}, () =>
      this.store.update(featureName, (item) => item.withEnabled(false), this.context('disable')),
    );
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
    await this.calls.write(featureName, 'destroy', {}, () => this.store.delete(featureName, this.context('destroy')));
  }

  /** Merges `clientData` into the flag's client data (top-level keys replace). */
  async setClientData(featureName: TName, clientData: Record<string, unknown>): Promise<void> {
    assertFeatureName(featureName);
    assertClientData(featureName, clientData);
    await this.calls.changeMeta(featureName, 'set_client_data', { clientData }, this.actor, (meta) => ({
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
    await this.calls.changeMeta(featureName, 'add_condition', { condition }, this.actor, (meta) => ({ conditions: [...meta.conditions, condition] }));
  }

  /** Replaces all of the flag's conditions. */
  async setConditions(featureName: TName, conditions: readonly Condition[]): Promise<void> {
    assertFeatureName(featureName);
    if (!Array.isArray(conditions)) throw new InvalidArgumentError('conditions must be an array of Condition', { featureName });
    for (const condition of conditions) assertCondition(featureName, condition);
    const copy = Object.freeze([...conditions]);
    await this.calls.changeMeta(featureName, 'set_conditions', { conditions: copy }, this.actor, () => ({ conditions: copy }));
  }

  async setBucketer(featureName: TName, bucketer: Bucketer): Promise<void> {
    assertFeatureName(featureName);
    assertBucketer(featureName, bucketer);
    await this.calls.changeMeta(featureName, 'set_bucketer', { bucketer }, this.actor, () => ({ bucketer }));
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

  // ---------------------------------------------------------------------------------------------
  // History: stores with the History capability; others reject with NotSupportedError.

  /**
   * `history(name, { limit, before })`: the flag's writes, newest first, paged by id (pass the
   * last id as `before`). `history({ limit, before })`: every flag's, destroyed ones included.
   * Where the chain breaks (the stored document is not what the newest entry wrote, an entry's
   * `before` is not what the previous one wrote) an `OutsideChange` says so: a write that
   * bypassed flipper, such as the Python library's.
   */
  history(featureName: TName, options?: HistoryReadOptions): Promise<FlagHistoryItem[]>;
  history(options?: HistoryReadOptions): Promise<FlagHistoryItem[]>;
  async history(nameOrOptions?: TName | HistoryReadOptions, options?: HistoryReadOptions): Promise<FlagHistoryItem[]> {
    if (typeof nameOrOptions !== 'string') {
      return this.calls.call(undefined, 'history', () => historyAcrossFlags(this.store, nameOrOptions));
    }
    assertFeatureName(nameOrOptions);
    return this.calls.call(nameOrOptions, 'history', () => flagHistory(this.store, nameOrOptions, options));
  }

  /**
   * Puts the flag back as it was after the history entry `entryId`, byte for byte (a destroyed
   * flag comes back; an entry that destroyed it destroys it again). The rollback is itself a
   * write with its own entry, recorded as this client's actor. Rejects with
   * `HistoryEntryNotFoundError` for an id the store does not keep for that flag.
   */
  async rollback(featureName: TName, entryId: string): Promise<void> {
    assertFeatureName(featureName);
    await this.calls.write(featureName, 'rollback', { entryId }, () => rollback(this.store, featureName, entryId, this.context('rollback')));
  }

  /** Every flag as it was at `time` (a Date or epoch milliseconds): name and stored document, in name order. */
  async snapshotAt(time: Date | number): Promise<FlagSnapshot[]> {
    const ms = time instanceof Date ? time.getTime() : time;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new InvalidArgumentError(`snapshotAt needs a Date or epoch milliseconds, got ${String(time)}`);
    return this.calls.call(undefined, 'snapshotAt', () => snapshotAt(this.store, ms));
  }

  private context(action: HistoryAction): WriteContext {
    return { actor: this.actor, action };
  }

  private async require(featureName: string): Promise<FeatureFlagStoreItem> {
    assertFeatureName(featureName);
    const item = await this.calls.call(featureName, 'get', () => this.store.get(featureName));
    if (item === undefined) throw new FlagDoesNotExistError(featureName);
    return item;
  }
}

