import type { ReadyGate } from './ready-gate.js';

/**
 * Sends `command` once `gate` is open and settles like it, or rejects with `onTimeout()` after
 * `ms` — counting the wait at the gate, and never sending the command after that. ioredis alone
 * keeps a command queued through 20 reconnect attempts (tens of seconds), so the store bounds
 * every call itself. `onTimeout` hears whether the command had been handed to ioredis: a write
 * still held at the gate certainly did not happen.
 */
export function sendWithTimeout<T>(
  gate: ReadyGate,
  command: () => Promise<T>,
  ms: number,
  onTimeout: (sent: boolean) => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let sent = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(onTimeout(sent));
    }, ms);
    const send = (): void => {
      if (settled) return;
      sent = true;
      let pending: Promise<T>;
      try {
        pending = command();
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => {
          settled = true;
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      );
    };
    if (gate.open) send();
    else void gate.whenOpen().then(send);
  });
}
