import { InvalidArgumentError, resolveHistoryRetention, resolveMaxDocumentBytes, type FlipperError, type HistoryRetention, type ResolvedHistoryRetention } from '@flipper-client/core/store';

/** Consul's read consistency modes (`?consistent`, `?stale`, or neither). */
export type ConsulConsistency = 'default' | 'consistent' | 'stale';

export interface ConsulRetryOptions {
  /** First delay after a failed watch request; doubles per failure. Default 100 ms. */
  initialDelayMs?: number;
  /** Ceiling of the delay. Default 10,000 ms. */
  maxDelayMs?: number;
}

export interface ConsulStoreOptions {
  /** Flags live at `<baseKey>/<name>`, as with the Python store. Default `features`. */
  baseKey?: string;
  /** ACL token sent with every request (`X-Consul-Token`). */
  token?: string;
  /** Datacenter to read and write (`?dc=`); the agent's own by default. */
  datacenter?: string;
  /** Read consistency for every read, the watch included. Default `'default'`. */
  consistency?: ConsulConsistency;
  /** How long one blocking query may wait for a change (`?wait=`). Default 60,000 ms; at most 600,000. */
  waitTimeMs?: number;
  /** Timeout of a request, on top of the wait for a blocking query. Default 10,000 ms. */
  requestTimeoutMs?: number;
  /**
   * How long the local copy keeps answering after the watch lost Consul, counted from the last
   * successful watch request. Past it, reads go to Consul again and `syncReady` is false.
   * Default `Infinity`: serve the last known flags until Consul is back.
   */
  maxStalenessMs?: number;
  /** Smallest gap between the starts of two watch requests; bounds load under write bursts. Default 50 ms. */
  minWatchIntervalMs?: number;
  retry?: ConsulRetryOptions;
  /** Hears what the background watch cannot throw: failed requests, undecodable documents. */
  onError?: (error: FlipperError) => void;
  /**
   * The largest document read or written, in bytes; default 1 MiB. A larger stored document is
   * refused before it is decoded (`DocumentTooLargeError`), a larger write before it is sent.
   */
  maxDocumentBytes?: number;
  /**
   * History under the sibling prefix `<baseKey>.history/` (see the README's "History"): how
   * much per flag (default 1,000 entries, no age limit), or `false` for none.
   */
  history?: HistoryRetention | false;
}

export interface ResolvedConsulStoreOptions {
  baseKey: string;
  token: string | undefined;
  datacenter: string | undefined;
  consistency: ConsulConsistency;
  waitTimeMs: number;
  requestTimeoutMs: number;
  maxStalenessMs: number;
  minWatchIntervalMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
  onError: (error: FlipperError) => void;
  maxDocumentBytes: number;
  history: ResolvedHistoryRetention | undefined;
}

const MAX_WAIT_MS = 600_000;

export function resolveOptions(options: ConsulStoreOptions = {}): ResolvedConsulStoreOptions {
  const baseKey = (options.baseKey ?? 'features').replace(/\/+$/, '');
  if (baseKey === '' || baseKey.startsWith('/')) {
    throw new InvalidArgumentError(`consul store: baseKey must be a non-empty key not starting with "/", got ${JSON.stringify(options.baseKey)}`);
  }
  const consistency = options.consistency ?? 'default';
  if (!['default', 'consistent', 'stale'].includes(consistency)) {
    throw new InvalidArgumentError(`consul store: consistency must be 'default', 'consistent' or 'stale', got ${String(consistency)}`);
  }
  return {
    baseKey,
    token: options.token,
    datacenter: options.datacenter,
    consistency,
    waitTimeMs: duration('waitTimeMs', options.waitTimeMs, 60_000, 1, MAX_WAIT_MS),
    requestTimeoutMs: duration('requestTimeoutMs', options.requestTimeoutMs, 10_000, 1),
    maxStalenessMs: duration('maxStalenessMs', options.maxStalenessMs, Infinity, 0),
    minWatchIntervalMs: duration('minWatchIntervalMs', options.minWatchIntervalMs, 50, 0),
    initialDelayMs: duration('retry.initialDelayMs', options.retry?.initialDelayMs, 100, 1),
    maxDelayMs: duration('retry.maxDelayMs', options.retry?.maxDelayMs, 10_000, 1),
    onError: options.onError ?? (() => undefined),
    maxDocumentBytes: resolveMaxDocumentBytes('consul store', options.maxDocumentBytes),
    history: options.history === false ? undefined : resolveHistoryRetention('consul store', options.history ?? {}),
  };
}

function duration(name: string, value: number | undefined, fallback: number, min: number, max = Infinity): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max) {
    throw new InvalidArgumentError(`consul store: ${name} must be a number of milliseconds in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}
