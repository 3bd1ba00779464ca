/**
 * Settles like `promise`, or rejects with `onTimeout()` after `ms`. ioredis keeps a command
 * queued while it reconnects (20 attempts by default, tens of seconds), so the store bounds
 * every call itself.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
