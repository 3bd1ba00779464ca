import type { IndexedResult, KvState } from './kv-state.js';

/** Consul's default and ceiling for `?wait`. */
export const DEFAULT_WAIT_MS = 5 * 60_000;
export const MAX_WAIT_MS = 10 * 60_000;

export interface BlockingQuery<T> {
  state: KvState;
  /** `?index`; 0 or absent answers at once. */
  minIndex: bigint;
  /** `?wait` in milliseconds, already parsed; undefined for Consul's default. */
  waitMs: number | undefined;
  /** Whether a change to this key wakes the query (a key, or keys under a prefix). */
  watches: (key: string) => boolean;
  run: () => IndexedResult<T>;
  /** Aborts the wait when the client goes away or the endpoint stops. */
  signal: AbortSignal;
}

/**
 * Consul's blocking-query loop: run the query; if its index is not past `minIndex`, wait for a
 * change to what it watches or for the wait time (plus up to wait/16 of random jitter, as Consul
 * adds), then run it again. A wake-up whose result has not moved past `minIndex` goes back to
 * waiting. Resolves to the last result; a timed-out query answers the current state.
 */
export async function runBlockingQuery<T>(query: BlockingQuery<T>): Promise<IndexedResult<T>> {
  let result = query.run();
  if (query.minIndex === 0n || BigInt(result.index) > query.minIndex) return result;
  const wait = Math.min(query.waitMs ?? DEFAULT_WAIT_MS, MAX_WAIT_MS);
  const deadline = Date.now() + wait + Math.random() * (wait / 16);
  while (BigInt(result.index) <= query.minIndex) {
    const woke = await waitForChange(query, deadline - Date.now());
    result = query.run();
    if (!woke) break;
  }
  return result;
}

/** Resolves true on a relevant change, false on timeout or abort. */
function waitForChange<T>(query: BlockingQuery<T>, remainingMs: number): Promise<boolean> {
  if (remainingMs <= 0 || query.signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (woke: boolean): void => {
      clearTimeout(timer);
      unsubscribe();
      query.signal.removeEventListener('abort', onAbort);
      resolve(woke);
    };
    const onAbort = (): void => finish(false);
    const timer = setTimeout(() => finish(false), remainingMs);
    const unsubscribe = query.state.onChange((keys) => {
      if (keys.some(query.watches)) finish(true);
    });
    query.signal.addEventListener('abort', onAbort);
  });
}
