import { InvalidArgumentError, type FlipperError } from '@flipper-client/core/store';

/** What the cache was doing when it absorbed a failure. */
export type CacheOperation = 'get' | 'refresh' | 'preload' | 'resync';

export interface CacheErrorContext {
  readonly operation: CacheOperation;
  /** The flag concerned, when there is one. */
  readonly featureName: string | undefined;
  /** True when a last known value was served in place of the failed read. */
  readonly servedStale: boolean;
}

/** Hears of every failure the cache absorbed instead of passing it to its caller. Must not throw. */
export type CacheErrorListener = (error: FlipperError, context: CacheErrorContext) => void;

export interface CachedStoreOptions {
  /** Flags held at most (least recently used go first); default 5000. A preloaded mirror holds every flag. */
  size?: number;
  /** Names remembered as missing, in their own LRU so that lookups of absent names never evict flags; default 1000, 0 turns negative caching off. */
  missingSize?: number;
  /** How long a read stays fresh; default: until evicted or invalidated by the change feed. */
  ttlMs?: number;
  /** How long past its freshness a value may still be served when the inner store fails; default: as long as it is held. */
  maxStaleMs?: number;
  onError?: CacheErrorListener;
  /** Whether `close()` also closes the inner store; default false. */
  closeInner?: boolean;
}

export interface ResolvedCachedStoreOptions {
  readonly size: number;
  readonly missingSize: number;
  readonly ttlMs: number | undefined;
  readonly maxStaleMs: number;
  readonly onError: CacheErrorListener | undefined;
  readonly closeInner: boolean;
}

function count(value: unknown, name: string, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new InvalidArgumentError(`cached store: ${name} must be an integer >= ${minimum}, got ${String(value)}`);
  }
  return value;
}

function duration(value: unknown, name: string, allowInfinity: boolean): number | undefined {
  if (value === undefined) return undefined;
  const valid = typeof value === 'number' && value > 0 && (allowInfinity ? !Number.isNaN(value) : Number.isFinite(value));
  if (!valid) throw new InvalidArgumentError(`cached store: ${name} must be a positive number of milliseconds, got ${String(value)}`);
  return value;
}

export function resolveOptions(options: CachedStoreOptions): ResolvedCachedStoreOptions {
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new InvalidArgumentError('cached store: onError must be a function');
  }
  return {
    size: count(options.size, 'size', 5000, 1),
    missingSize: count(options.missingSize, 'missingSize', 1000, 0),
    ttlMs: duration(options.ttlMs, 'ttlMs', false),
    maxStaleMs: duration(options.maxStaleMs, 'maxStaleMs', true) ?? Number.POSITIVE_INFINITY,
    onError: options.onError,
    closeInner: options.closeInner === true,
  };
}
