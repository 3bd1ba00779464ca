import {
  StoreError,
  type FeatureFlagMeta,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type ItemChange,
  type StoreCreateOptions,
  type StoreListOptions,
} from '@flipper-client/core';

export type StoreOperation = 'create' | 'get' | 'set' | 'delete' | 'list' | 'setMeta' | 'update';
export const WRITE_OPERATIONS: readonly StoreOperation[] = ['create', 'set', 'delete', 'setMeta', 'update'];

/** A write that reached the wrapped store, in the order they completed. */
export interface LoggedWrite {
  operation: StoreOperation;
  featureName: string;
  /** What create and update resolved to. */
  item: FeatureFlagStoreItem | undefined;
}

/** Where held calls wait: `reached` resolves when one got there, `release()` lets them all go on. */
export class Gate {
  readonly reached: Promise<void>;
  private readonly released: Promise<void>;
  private arrive!: () => void;
  private open!: () => void;

  constructor() {
    this.reached = new Promise((resolve) => (this.arrive = resolve));
    this.released = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  async pass(): Promise<void> {
    this.arrive();
    await this.released;
  }
}

/**
 * Wraps any store to stand in for an unreliable replica (or primary): counts and logs calls,
 * fails, hangs, slows or holds them on demand, over whatever backend it wraps.
 */
export class FlakyStore implements FeatureFlagStore {
  readonly storeName: string;
  readonly calls: Record<StoreOperation, number> = { create: 0, get: 0, set: 0, delete: 0, list: 0, setMeta: 0, update: 0 };
  readonly log: LoggedWrite[] = [];
  closeCalls = 0;
  private readonly faults = new Map<StoreOperation, { hang: boolean; error: Error | undefined }>();
  private readonly hung = new Set<() => void>();
  private delayMs: () => number = () => 0;
  private gate: { gate: Gate; featureName: string | undefined } | undefined;

  constructor(readonly inner: FeatureFlagStore) {
    this.storeName = `flaky(${inner.storeName})`;
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

  /** Writes (of one flag, or all) wait at the gate before they reach the wrapped store. */
  hold(featureName?: string): Gate {
    const gate = new Gate();
    this.gate = { gate, featureName };
    return gate;
  }

  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return this.call('get', featureName, () => this.inner.get(featureName));
  }

  async *list(options?: StoreListOptions): AsyncIterable<FeatureFlagStoreItem> {
    await this.call('list', undefined, () => Promise.resolve());
    yield* this.inner.list(options);
  }

  create(featureName: string, options?: StoreCreateOptions): Promise<FeatureFlagStoreItem> {
    return this.write('create', featureName, () => this.inner.create(featureName, options));
  }

  set(featureName: string, isEnabled: boolean): Promise<void> {
    return this.write('set', featureName, () => this.inner.set(featureName, isEnabled));
  }

  delete(featureName: string): Promise<void> {
    return this.write('delete', featureName, () => this.inner.delete(featureName));
  }

  setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    return this.write('setMeta', featureName, () => this.inner.setMeta(featureName, meta));
  }

  update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    return this.write('update', featureName, () => this.inner.update(featureName, change));
  }

  async close(): Promise<void> {
    this.closeCalls++;
  }

  private async write<T>(operation: StoreOperation, featureName: string, run: () => Promise<T>): Promise<T> {
    const held = this.gate;
    if (held !== undefined && (held.featureName === undefined || held.featureName === featureName)) await held.gate.pass();
    const result = await this.call(operation, featureName, run);
    this.log.push({ operation, featureName, item: isItem(result) ? result : undefined });
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

function isItem(value: unknown): value is FeatureFlagStoreItem {
  return typeof value === 'object' && value !== null && 'featureName' in value && 'meta' in value;
}
