import { EventEmitter } from 'node:events';
import type Consul from 'consul';
import { ConsulClientFailure } from './errors.js';
import type { ResolvedConsulStoreOptions } from './options.js';

/** One KV pair as the `consul` client hands it over (Value already base64-decoded to text). */
export interface KvPair {
  Key: string;
  Value: string | null;
  ModifyIndex: number;
  CreateIndex?: number;
}

/** One KV operation of a `/v1/txn` request (Consul's `TxnKVOp`); `Value` is base64. */
export interface TxnKvOp {
  Verb: 'set' | 'cas' | 'get' | 'get-tree' | 'check-index' | 'check-not-exists' | 'delete' | 'delete-tree' | 'delete-cas';
  Key: string;
  Value?: string;
  Index?: number;
}

/** A transaction's answer: its results (`KV` per set, cas, get... operation), or that a check failed. */
export type TxnOutcome = { applied: true; results: Array<{ KV: { Key: string; CreateIndex: number; ModifyIndex: number } }> } | { applied: false };

export interface IndexedRead<T> {
  result: T;
  /** `X-Consul-Index` of the response. */
  index: number;
}

export interface BlockingOptions {
  index: number;
  waitMs: number;
}

/** A request that Consul answered with an error status, or that did not complete. */
export class ConsulRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly aborted: boolean,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'ConsulRequestError';
  }
}

interface ConsulResponse {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
}

type KvMethod = (options: Record<string, unknown>) => Promise<unknown>;

/**
 * The few KV calls the store makes, over the application's `consul` client. Each call passes a
 * `ctx` with `includeResponse` (the client then resolves to `[response, body]`, the only way to
 * read `X-Consul-Index`), the token, datacenter and consistency mode, and a timeout. The 2.x
 * typings leave these common options out, hence the narrow untyped view of `consul.kv` here.
 */
export class ConsulKv {
  private readonly kv: { get: KvMethod; set: KvMethod; del: KvMethod; keys: KvMethod };
  private readonly transaction: { create: (operations: unknown, options: Record<string, unknown>) => Promise<unknown> };

  constructor(
    consul: Consul,
    private readonly options: ResolvedConsulStoreOptions,
  ) {
    this.kv = consul.kv as unknown as { get: KvMethod; set: KvMethod; del: KvMethod; keys: KvMethod };
    this.transaction = (consul as unknown as { transaction: ConsulKv['transaction'] }).transaction;
  }

  /** The keys under the prefix (`?keys`), none when nothing is stored there. */
  async keys(prefix: string): Promise<string[]> {
    try {
      const [, body] = await this.call(this.kv.keys, { key: prefix, ...this.readOptions() });
      return Array.isArray(body) ? (body as string[]) : [];
    } catch (error) {
      if (error instanceof ConsulRequestError && error.statusCode === 404) return [];
      throw error;
    }
  }

  /**
   * `PUT /v1/txn`: the operations applied together at one index, or (409, a check failed) none.
   * Consul rolls the whole transaction back, so `applied: false` means nothing was written.
   */
  async txn(operations: readonly TxnKvOp[]): Promise<TxnOutcome> {
    const create: KvMethod = (options) => this.transaction.create(operations.map((KV) => ({ KV })), options);
    try {
      const [, body] = await this.call(create, this.writeOptions());
      const results = (body as { Results?: unknown } | undefined)?.Results;
      return { applied: true, results: Array.isArray(results) ? (results as Extract<TxnOutcome, { applied: true }>['results']) : [] };
    } catch (error) {
      if (error instanceof ConsulRequestError && error.statusCode === 409) return { applied: false };
      throw error;
    }
  }

  async get(key: string): Promise<IndexedRead<KvPair | undefined>> {
    const [response, body] = await this.call(this.kv.get, { key, ...this.readOptions() });
    return { result: (body as KvPair | undefined) ?? undefined, index: indexOf(response) };
  }

  /** Every pair under the prefix; blocks for a change past `blocking.index` when given. */
  async list(prefix: string, blocking?: BlockingOptions, signal?: AbortSignal): Promise<IndexedRead<KvPair[]>> {
    const options: Record<string, unknown> = { key: prefix, recurse: true, ...this.readOptions() };
    if (blocking !== undefined) {
      options['index'] = String(blocking.index);
      options['wait'] = `${Math.ceil(blocking.waitMs)}ms`;
      // Consul may hold the answer up to wait + wait/16 before it even starts to reply.
      options['timeout'] = Math.ceil(blocking.waitMs * (17 / 16)) + this.options.requestTimeoutMs;
    }
    const [response, body] = await this.call(this.kv.get, options, signal);
    const pairs = body === undefined ? [] : Array.isArray(body) ? (body as KvPair[]) : [body as KvPair];
    return { result: pairs, index: indexOf(response) };
  }

  /** PUT; with `cas`, only over that ModifyIndex (0: only when absent). Resolves whether it wrote. */
  async put(key: string, value: string, cas?: number): Promise<boolean> {
    const options: Record<string, unknown> = { key, value, ...this.writeOptions() };
    if (cas !== undefined) options['cas'] = String(cas);
    const [, body] = await this.call(this.kv.set, options);
    return body === true;
  }

  async delete(key: string): Promise<void> {
    await this.call(this.kv.del, { key, ...this.writeOptions() });
  }

  private readOptions(): Record<string, unknown> {
    const options = this.writeOptions();
    if (this.options.consistency === 'consistent') options['consistent'] = true;
    if (this.options.consistency === 'stale') options['stale'] = true;
    return options;
  }

  private writeOptions(): Record<string, unknown> {
    const options: Record<string, unknown> = { timeout: this.options.requestTimeoutMs };
    if (this.options.token !== undefined) options['token'] = this.options.token;
    if (this.options.datacenter !== undefined) options['dc'] = this.options.datacenter;
    return options;
  }

  private async call(method: KvMethod, options: Record<string, unknown>, signal?: AbortSignal): Promise<[ConsulResponse, unknown]> {
    const ctx = Object.assign(new EventEmitter(), { includeResponse: true, canceled: false });
    const cancel = (): void => {
      ctx.canceled = true;
      ctx.emit('cancel');
    };
    if (signal?.aborted) cancel();
    signal?.addEventListener('abort', cancel);
    try {
      const answer: unknown = await method.call(this.kv, { ...options, ctx });
      // With `includeResponse` the client resolves to [response, body]; anything else is a failure
      // it handed over as a value (seen with its errors from another realm, under a test runner's VM).
      if (!Array.isArray(answer) || typeof answer[0] !== 'object' || answer[0] === null) throw answer;
      return [answer[0] as ConsulResponse, answer[1]];
    } catch (error) {
      throw toRequestError(error, signal?.aborted === true, this.options.token);
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }
}

function indexOf(response: ConsulResponse): number {
  const header = response.headers['x-consul-index'];
  const index = Number(typeof header === 'string' ? header : undefined);
  // Consul's rule for clients: an index that is missing or not above 0 is treated as 1.
  return Number.isSafeInteger(index) && index > 0 ? index : 1;
}

function toRequestError(error: unknown, aborted: boolean, token: string | undefined): ConsulRequestError {
  const failure = ConsulClientFailure.of(error, token);
  const message = failure.statusCode === undefined ? failure.message : `HTTP ${failure.statusCode}: ${failure.message}`;
  return new ConsulRequestError(message, failure.statusCode, aborted, { cause: failure });
}
