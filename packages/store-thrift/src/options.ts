import { InvalidArgumentError } from '@flipper-client/core/store';
import type { ThriftConnectionLike } from './client-interface.js';

export interface ThriftStoreOptions {
  /** A call without an answer after this long rejects with a StoreError. Default 5000 ms. */
  timeoutMs?: number;
  /**
   * The connection the client writes to. When given, calls in flight fail at once when it
   * closes or starts reconnecting (their answers can no longer come), calls are refused at once
   * while it is down (never queued by thrift to be sent after a reconnect), calls made before its
   * first connect wait for it (within `timeoutMs`), its `error` events go to `onConnectionError`
   * instead of crashing the process, and `close()` ends it.
   */
  connection?: ThriftConnectionLike;
  /** Hears the connection's errors (only with `connection`). */
  onConnectionError?: (error: Error) => void;
}

export interface ResolvedThriftStoreOptions {
  readonly timeoutMs: number;
  readonly connection: ThriftConnectionLike | undefined;
  readonly onConnectionError: ((error: Error) => void) | undefined;
}

const DEFAULT_TIMEOUT_MS = 5000;

/** Fills in defaults and rejects nonsense before any call. */
export function resolveOptions(options: ThriftStoreOptions): ResolvedThriftStoreOptions {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new InvalidArgumentError(`thrift store: timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  return { timeoutMs, connection: options.connection, onConnectionError: options.onConnectionError };
}
