import { RequestTimeoutError } from './errors.js';

/**
 * Runs one S3 request under a deadline. The signal aborts the SDK's HTTP request; the race makes
 * sure the caller hears of the deadline even when something inside (a retry delay, a stalled
 * body stream) does not listen to the signal.
 */
export async function withDeadline<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new RequestTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
