import {
  hasChangeFeed,
  hasWholeDocumentWrites,
  StoreError,
  type FeatureFlagMeta,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type ItemChange,
  type StoreChange,
  type StoreChangeListener,
  type StoreCreateOptions,
  type StoreListOptions,
  type Unsubscribe,
  type WriteContext,
} from '@flipper-client/core/store';
import { Gate } from './gate.js';

export type StoreOperation = 'create' | 'get' | 'set' | 'delete' | 'list' | 'setMeta' | 'update' | 'put';
export const WRITE_OPERATIONS: readonly StoreOperation[] = ['create', 'set', 'delete', 'setMeta', 'update', 'put'];

/** A write that reached the wrapped store, in the order they completed. */
export interface LoggedWrite {
  operation: StoreOperation;
  featureName: string;
  /** What create and update resolved to, and what put wrote. */
  item: FeatureFlagStoreItem | undefined;
}

/**
 * Wraps any store to make the failures a composing store must absorb, to order and over a real
 * backend: counts and logs calls; fails, hangs, slows or holds chosen operations; hides, mutes or
 * feeds the change feed. Shared by the tests of the cached and replicated stores and the fault
 * harness.
 */
export class FaultyStore implements FeatureFlagStore {
  readonly storeName: string;
  readonly atomicUpdates: boolean;
  readonly watch?: (listener: StoreChangeListener) => Unsubscribe;
  /** The inner store's whole-document write, when it has one and it is not hidden. */
  readonly put?: (item: FeatureFlagStoreItem, context?: WriteContext) => Promise<void>;
  readonly calls: Record<StoreOperation, number> = { create: 0, get: 0, set: 0, delete: 0, list: 0, setMeta: 0, update: 0, put: 0 };
  readonly log: LoggedWrite[] = [];
  closeCalls = 0;
  private readonly faults = new Map<StoreOperation, { hang: boolean; error: Error | undefined }>();
  private readonly hung = new Set<() => void>();
  private readonly heldGets = new Map<string, Gate>();
  private readonly listeners = new Set<StoreChangeListener>();
  private heldList: Gate | undefined;
  private heldWrites: { gate: Gate; featureName: string | undefined } | undefined;
  private delayMs: () => number = () => 0;
  private muted = false;

  /** `changeFeed: false` hides the inner store's feed, `put: false` its `put`, as a store without them would. */
  constructor(
    readonly inner: FeatureFlagStore,
    options: { changeFeed?: boolean; put?: boolean; name?: string } = {},
  ) {
    this.storeName = `${options.name ?? 'faulty'}(${inner.storeName})`;
    this.atomicUpdates = inner.atomicUpdates ?? true;
    if (options.put !== false && hasWholeDocumentWrites(inner)) {
      this.put = async (item, context) => {
        await this.write('put', item.featureName, () => inner.put(item, context), item);
      };
    }
    if (options.changeFeed !== false && hasChangeFeed(inner)) {
      this.watch = (listener) => {
        const forward: StoreChangeListener = (change) => {
          if (!this.muted) listener(change);
        };
        this.listeners.add(listener);
        const stop = inner.watch(forward);
        return () => {
          this.listeners.delete(listener);
          stop();
        };
      };
    }
  }

  /** Subscriptions open on this store's feed. */
  get watchers(): number {
    return this.listeners.size;
  }

  /** Makes the operations reject with `error` (a `StoreError` by default) until `heal()`. */
  fail(operations: readonly StoreOperation[], error?: Error): void {
    for (const operation of operations) this.faults.set(operation, { hang: false, error });
  }

  /** Makes the operations wait until `heal()`, which rejects them. */
  hang(operations: readonly StoreOperation[]): void {
    for (const operation of operations) this.faults.set(operation, { hang: true, error: undefined });
  }

  heal(): void {
    this.faults.clear();
    for (const reject of this.hung) reject();
    this.hung.clear();
  }

  /** Every call waits this long (a number of ms, or a function drawing one) first. */
  slow(delayMs: number | (() => number)): void {
    this.delayMs = typeof delayMs === 'number' ? () => delayMs : delayMs;
  }

  /** The next `get` of this flag reads the inner store at once, then waits at the gate before answering. */
  holdGet(featureName: string): Gate {
    const gate = new Gate();
    this.heldGets.set(featureName, gate);
    return gate;
  }

  /** The next listing waits at the gate after reading its first flag. */
  holdList(): Gate {
    this.heldList = new Gate();
    return this.heldList;
  }

  /** Writes (of one flag, or all) wait at the gate before they reach the wrapped store. */
  holdWrites(featureName?: string): Gate {
    const gate = new Gate();
    this.heldWrites = { gate, featureName };
    return gate;
  }

  /** While muted, the inner store's changes are not passed on (a feed that lost them). */
  muteFeed(muted = true): void {
    this.muted = muted;
  }

  /** Sends a change to the subscribers, as the feed would. */
  emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return this.call('get', featureName, async () => {
      const item = await this.inner.get(featureName);
      const gate = this.heldGets.get(featureName);
      if (gate !== undefined) {
        this.heldGets.delete(featureName);
        await gate.pass();
      }
      return item;
    });
  }

  async *list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    await this.call('list', undefined, () => Promise.resolve());
    for await (const item of this.inner.list(options)) {
      const gate = this.heldList;
      this.heldList = undefined;
      await gate?.pass();
      yield item;
    }
  }

  // Write contexts are handed on, so that an inner store with history records the caller's.
  create(featureName: string, options?: StoreCreateOptions, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.write('create', featureName, () => this.inner.create(featureName, options, context));
  }

  set(featureName: string, isEnabled: boolean, context?: WriteContext): Promise<void> {
    return this.write('set', featureName, () => this.inner.set(featureName, isEnabled, context));
  }

  delete(featureName: string, context?: WriteContext): Promise<void> {
    return this.write('delete', featureName, () => this.inner.delete(featureName, context));
  }

  setMeta(featureName: string, meta: FeatureFlagMeta, context?: WriteContext): Promise<void> {
    return this.write('setMeta', featureName, () => this.inner.setMeta(featureName, meta, context));
  }

  update(featureName: string, change: ItemChange, context?: WriteContext): Promise<FeatureFlagStoreItem> {
    return this.write('update', featureName, () => this.inner.update(featureName, change, context));
  }

  async close(): Promise<void> {
    this.closeCalls++;
  }

  private async write<T>(operation: StoreOperation, featureName: string, run: () => Promise<T>, put?: FeatureFlagStoreItem): Promise<T> {
    const held = this.heldWrites;
    if (held !== undefined && (held.featureName === undefined || held.featureName === featureName)) await held.gate.pass();
    const result = await this.call(operation, featureName, run);
    const item = put ?? (operation === 'create' || operation === 'update' ? (result as FeatureFlagStoreItem) : undefined);
    this.log.push({ operation, featureName, item });
    return result;
  }

  private async call<T>(operation: StoreOperation, featureName: string | undefined, run: () => Promise<T>): Promise<T> {
    this.calls[operation]++;
    const delay = this.delayMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const fault = this.faults.get(operation);
    if (fault?.hang === true) {
      await new Promise<void>((_, reject) =>
        this.hung.add(() => reject(new StoreError(this.storeName, operation, 'released from an injected hang', { featureName }))),
      );
    } else if (fault !== undefined) {
      throw fault.error ?? new StoreError(this.storeName, operation, 'injected failure', { featureName });
    }
    return run();
  }
}
