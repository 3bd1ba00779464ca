import {
  InvalidArgumentError,
  resolveHistoryRetention,
  resolveMaxDocumentBytes,
  type FlipperError,
  type HistoryRetention,
  type ResolvedHistoryRetention,
} from '@flipper-client/core/store';

/**
 * How the change feed learns of writes made by other libraries (the Python one writes with a
 * plain SET and publishes nothing):
 * - `'enable'` (default): use Redis keyspace notifications, adding the `K`, `g`, `$` and `x`
 *   classes to the server's `notify-keyspace-events` when they are missing (CONFIG SET; flags
 *   already set are kept);
 * - `'if-enabled'`: use them only when the server already has them on; never change its config;
 * - `'off'`: do not use them.
 * Where they cannot be used, the feed falls back to reporting "everything may have changed"
 * every `fallbackIntervalMs`.
 */
export type KeyspaceEventsMode = 'enable' | 'if-enabled' | 'off';

export interface RedisStoreOptions {
  /** Flags live at `<baseKey>/<name>`; default `features`, as in the Python library. */
  baseKey?: string;
  /** Pub/sub channel on which each write publishes the flag name; default `<baseKey>:changes`. */
  channel?: string;
  /** Longest wait for one Redis command before the call rejects with a `StoreError`; default 1000 ms. */
  commandTimeoutMs?: number;
  /** See {@link KeyspaceEventsMode}; default `'enable'`. */
  keyspaceEvents?: KeyspaceEventsMode;
  /**
   * When keyspace notifications cannot be used, the change feed reports `{ kind: 'all' }` this
   * often, bounding how long a write by another library can go unnoticed; default 1000 ms,
   * 0 turns the fallback off.
   */
  fallbackIntervalMs?: number;
  /** `close()` also quits the client given to the store; default false (the application owns it). */
  closeClient?: boolean;
  /**
   * The largest document read or written, in bytes; default 1 MiB. A larger stored document is
   * refused before it is parsed (`DocumentTooLargeError`: the flag answers its default), a larger
   * write with an `InvalidArgumentError` before anything is sent.
   */
  maxDocumentBytes?: number;
  /** Failures that no caller awaits (the change feed's connections); silent by default. */
  onError?: (error: FlipperError) => void;
  /**
   * History kept beside the flags (see README, "History"): retention per flag, default 1,000
   * entries and no age limit; `false` keeps none (and the store then has no `History`).
   */
  history?: HistoryRetention | false;
  /** Usage counts live in one hash per UTC day at `<usageKey>:<YYYY-MM-DD>`; default `<baseKey>:usage`. */
  usageKey?: string;
  /** Days a day's usage hash is kept after its last report (its expiry); default 35. */
  usageRetentionDays?: number;
}

export interface ResolvedRedisStoreOptions {
  baseKey: string;
  channel: string;
  commandTimeoutMs: number;
  keyspaceEvents: KeyspaceEventsMode;
  fallbackIntervalMs: number;
  closeClient: boolean;
  maxDocumentBytes: number;
  onError: (error: FlipperError) => void;
  history: ResolvedHistoryRetention | undefined;
  usageKey: string;
  usageRetentionDays: number;
}

const KEYSPACE_MODES: readonly KeyspaceEventsMode[] = ['enable', 'if-enabled', 'off'];

function silent(): void {}

/** Fills in defaults and rejects nonsense before anything touches Redis. */
export function resolveOptions(options: RedisStoreOptions): ResolvedRedisStoreOptions {
  const baseKey = options.baseKey ?? 'features';
  if (typeof baseKey !== 'string' || baseKey.length === 0) {
    throw new InvalidArgumentError(`redis store: baseKey must be a non-empty string, got ${JSON.stringify(baseKey)}`);
  }
  const channel = options.channel ?? `${baseKey}:changes`;
  if (typeof channel !== 'string' || channel.length === 0) {
    throw new InvalidArgumentError(`redis store: channel must be a non-empty string, got ${JSON.stringify(channel)}`);
  }
  const commandTimeoutMs = options.commandTimeoutMs ?? 1000;
  if (!Number.isFinite(commandTimeoutMs) || commandTimeoutMs <= 0) {
    throw new InvalidArgumentError(`redis store: commandTimeoutMs must be a positive number of milliseconds, got ${commandTimeoutMs}`);
  }
  const fallbackIntervalMs = options.fallbackIntervalMs ?? 1000;
  if (!Number.isFinite(fallbackIntervalMs) || fallbackIntervalMs < 0) {
    throw new InvalidArgumentError(`redis store: fallbackIntervalMs must be 0 or more milliseconds, got ${fallbackIntervalMs}`);
  }
  const keyspaceEvents = options.keyspaceEvents ?? 'enable';
  if (!KEYSPACE_MODES.includes(keyspaceEvents)) {
    throw new InvalidArgumentError(`redis store: keyspaceEvents must be one of ${KEYSPACE_MODES.join(', ')}, got ${String(keyspaceEvents)}`);
  }
  const usageKey = options.usageKey ?? `${baseKey}:usage`;
  if (typeof usageKey !== 'string' || usageKey.length === 0 || usageKey.startsWith(`${baseKey}/`)) {
    throw new InvalidArgumentError(
      `redis store: usageKey must be a non-empty string outside ${JSON.stringify(`${baseKey}/`)}, where listings would read it as flags; got ${JSON.stringify(usageKey)}`,
    );
  }
  const usageRetentionDays = options.usageRetentionDays ?? 35;
  if (!Number.isInteger(usageRetentionDays) || usageRetentionDays < 1) {
    throw new InvalidArgumentError(`redis store: usageRetentionDays must be a whole number of days of at least 1, got ${usageRetentionDays}`);
  }
  return {
    baseKey,
    channel,
    commandTimeoutMs,
    keyspaceEvents,
    fallbackIntervalMs,
    closeClient: options.closeClient ?? false,
    maxDocumentBytes: resolveMaxDocumentBytes('redis store', options.maxDocumentBytes),
    onError: options.onError ?? silent,
    history: options.history === false ? undefined : resolveHistoryRetention('redis store', options.history ?? {}),
    usageKey,
    usageRetentionDays,
  };
}
