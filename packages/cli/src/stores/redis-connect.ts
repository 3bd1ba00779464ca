import type { Redis } from 'ioredis';
import { UnreachableError } from '../errors.js';

/** Errors that say at once that nothing will answer at this address: waiting longer cannot help. */
const HOPELESS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/**
 * Waits for the client's first connection attempt. A refused connection (nothing listens at
 * the port) fails the command at once with exit 3, instead of after the whole timeout with
 * "timed out (connection reconnecting)": ioredis would keep retrying in the background, which
 * a one-shot command never profits from. Anything slower (a silent network) is left to the
 * store's own timeout.
 */
export function firstConnection(client: Redis, display: string, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('error', onError);
    };
    const onReady = (): void => {
      done();
      resolve();
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      const what = error.code === undefined ? undefined : HOPELESS[error.code];
      if (what === undefined) return;
      done();
      reject(new UnreachableError(`redis store ${display}: ${what} (${error.code})`, { cause: error }));
    };
    const timer = setTimeout(onReady, timeoutMs);
    client.on('ready', onReady);
    client.on('error', onError);
  });
}
