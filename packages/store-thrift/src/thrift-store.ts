import {
  assertFeatureName,
  FlagDoesNotExistError,
  InvalidArgumentError,
  pythonJsonDumps,
  SharedReads,
  type FeatureFlagMeta,
  type FeatureFlagStore,
  type FeatureFlagStoreItem,
  type FlipperError,
  type ItemChange,
  type StoreCreateOptions,
  type StoreListOptions,
} from '@flipper-client/core/store';
import Int64 from 'node-int64';
import type { FeatureFlagStoreThriftClient } from './client-interface.js';
import { ConnectionGate } from './connection-gate.js';
import { callError, isNotFound } from './errors.js';
import { itemFromThrift } from './from-thrift.js';
import { resolveOptions, type ResolvedThriftStoreOptions, type ThriftStoreOptions } from './options.js';
import { metaToThrift } from './to-thrift.js';

export const STORE_NAME = 'thrift';

const NOT_CONNECTED = 'the connection is down (reconnecting or closed); the call was not sent';

function assertCount(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new InvalidArgumentError(`list ${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * A store that speaks the FeatureFlagStore Thrift service of the Python flipper-client, through
 * a client from `thrift.createClient(FeatureFlagStoreService, connection)`.
 *
 * The service has no compare-and-set, so `update` reads the flag and writes it back with
 * SetMeta and Set: a write landing in between from another process is overwritten. The store
 * says so with `atomicUpdates: false`.
 */
export class ThriftRPCFeatureFlagStore implements FeatureFlagStore {
  readonly storeName = STORE_NAME;
  readonly atomicUpdates = false;
  private readonly inFlight = new Set<(reason: Error) => void>();
  /** Concurrent `get`s of a flag share one `Get` call. */
  private readonly reads = new SharedReads();
  private closed = false;
  private readonly gate: ConnectionGate | undefined;
  private readonly onClose = (): void => this.failInFlight(new Error('the connection closed before the answer came'));
  private readonly onReconnecting = (): void =>
    this.failInFlight(new Error('the connection was lost before the answer came (reconnecting)'));
  private readonly onError = (error: Error): void => this.options.onConnectionError?.(error);

  private readonly options: ResolvedThriftStoreOptions;

  constructor(
    private readonly client: FeatureFlagStoreThriftClient,
    options: ThriftStoreOptions = {},
  ) {
    this.options = resolveOptions(options);
    const { connection } = this.options;
    this.gate = connection === undefined ? undefined : new ConnectionGate(connection);
    connection?.on('close', this.onClose);
    connection?.on('reconnecting', this.onReconnecting);
    connection?.on('error', this.onError);
  }

  async create(featureName: string, options: StoreCreateOptions = {}): Promise<FeatureFlagStoreItem> {
    assertFeatureName(featureName);
    const clientData = pythonJsonDumps(options.clientData ?? {});
    const created = await this.write('create', featureName, () =>
      this.client.Create(featureName, options.isEnabled ?? false, clientData),
    );
    return itemFromThrift(featureName, created);
  }

  /**
   * Every caller asking for a flag while a read of it is on the wire gets that read's answer:
   * 64 request handlers checking one flag cost one round trip, not 64. A write through this store
   * ends the sharing for its flag, so a read started after the write resolved asks anew.
   */
  get(featureName: string): Promise<FeatureFlagStoreItem | undefined> {
    return this.reads.share(featureName, this.read);
  }

  async set(featureName: string, isEnabled: boolean): Promise<void> {
    assertFeatureName(featureName);
    await this.write('set', featureName, () => this.client.Set(featureName, isEnabled));
  }

  async delete(featureName: string): Promise<void> {
    assertFeatureName(featureName);
    // A server that answers NOT_FOUND for a missing flag agrees that it is gone.
    await this.write('delete', featureName, () => this.client.Delete(featureName), () => undefined);
  }

  async *list(options: StoreListOptions = {}): AsyncIterable<FeatureFlagStoreItem> {
    assertCount(options.limit, 'limit');
    assertCount(options.offset, 'offset');
    const limit = options.limit === undefined ? null : new Int64(options.limit);
    const offset = new Int64(options.offset ?? 0);
    const items = await this.call('list', undefined, () => this.client.List(limit, offset));
    for (const struct of items) {
      const featureName = typeof struct.feature_name === 'string' ? struct.feature_name : '';
      let item: FeatureFlagStoreItem;
      try {
        item = itemFromThrift(featureName, struct);
      } catch (error) {
        options.onInvalid?.(error as FlipperError);
        continue;
      }
      yield item;
    }
  }

  async setMeta(featureName: string, meta: FeatureFlagMeta): Promise<void> {
    assertFeatureName(featureName);
    const struct = metaToThrift(featureName, meta);
    await this.write('setMeta', featureName, () => this.client.SetMeta(featureName, struct));
  }

  /** Not atomic (see the class comment): get, then SetMeta and Set for what changed. */
  async update(featureName: string, change: ItemChange): Promise<FeatureFlagStoreItem> {
    const current = await this.get(featureName);
    if (current === undefined) throw new FlagDoesNotExistError(featureName);
    const next = change(current);
    // SetMeta first: it fails on a flag deleted meanwhile, where Set would create it again.
    if (next.meta !== current.meta) await this.setMeta(featureName, next.meta);
    if (next.enabled !== current.enabled) await this.set(featureName, next.enabled);
    return next;
  }

  /** Ends the connection given in the options (if any); later calls reject at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.options.connection?.end();
    this.failInFlight(new Error('the store was closed'));
  }

  private readonly read = async (featureName: string): Promise<FeatureFlagStoreItem | undefined> => {
    assertFeatureName(featureName);
    const found = await this.call('get', featureName, () => this.client.Get(featureName), () => undefined);
    return found === undefined ? undefined : itemFromThrift(featureName, found);
  };

  /**
   * A call that changes the flag. However it ends (a failed or timed-out write may still have
   * landed), a read of the flag already on the wire may answer what was there before: later
   * `get`s start their own.
   */
  private async write<T>(operation: string, featureName: string, invoke: () => Promise<T>, onNotFound?: () => T): Promise<T> {
    try {
      return await this.call(operation, featureName, invoke, onNotFound, true);
    } finally {
      this.reads.forget(featureName);
    }
  }

  private failInFlight(reason: Error): void {
    for (const fail of [...this.inFlight]) fail(reason);
  }

  /**
   * Runs one RPC with the store's timeout. `onNotFound` gives the answer for a NOT_FOUND
   * FlipperException where the contract treats a missing flag as an answer. A call is written
   * only while the connection is up (see ConnectionGate): one the store failed never lands later.
   */
  private call<T>(
    operation: string,
    featureName: string | undefined,
    invoke: () => Promise<T>,
    onNotFound?: () => T,
    writes = false,
  ): Promise<T> {
    const refusal = this.closed ? 'the store is closed' : this.gate?.state === 'down' ? NOT_CONNECTED : undefined;
    if (refusal !== undefined) {
      return Promise.reject(callError(STORE_NAME, operation, featureName, new Error(refusal), writes ? { sent: false } : undefined));
    }
    return new Promise<T>((resolve, reject) => {
      let sent = false;
      let cancelWaiting = (): unknown => undefined;
      const settle = (): void => {
        clearTimeout(timer);
        cancelWaiting();
        this.inFlight.delete(fail);
      };
      const fail = (error: unknown): void => {
        settle();
        if (onNotFound !== undefined && isNotFound(error)) resolve(onNotFound());
        else reject(callError(STORE_NAME, operation, featureName, error, writes ? { sent } : undefined));
      };
      const send = (): void => {
        sent = true;
        try {
          invoke().then((value) => {
            settle();
            resolve(value);
          }, fail);
        } catch (error) {
          fail(error);
        }
      };
      const late = (): string => (sent ? 'no answer' : 'not connected; the call was not sent');
      const timer = setTimeout(() => fail(new Error(`${late()} within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      this.inFlight.add(fail);
      if (this.gate?.state === 'opening') cancelWaiting = this.gate.whenOpen(send);
      else send();
    });
  }
}
