import type { RedisClient } from './redis-client.js';

/**
 * Holds commands back while the client is reconnecting, instead of handing them to ioredis's
 * offline queue: a command that the store has already given up on (timed out) must not run
 * later, when Redis is back — a write the caller was told failed would land seconds after.
 */
export class ReadyGate {
  private waiting: Promise<void> | undefined;

  constructor(private readonly client: RedisClient) {}

  /**
   * Whether a command may go now: the client is ready, or will fail it at once (`end`), or
   * connects on its first command (`wait`, a lazyConnect client not yet used).
   */
  get open(): boolean {
    const status = this.client.status;
    return status === 'ready' || status === 'end' || status === 'wait';
  }

  /** Resolves when the client is ready again (or ended); one shared wait per outage. */
  whenOpen(): Promise<void> {
    this.waiting ??= new Promise<void>((resolve) => {
      const client = this.client;
      const done = (): void => {
        client.off('ready', done);
        client.off('end', done);
        this.waiting = undefined;
        resolve();
      };
      client.on('ready', done);
      client.on('end', done);
    });
    return this.waiting;
  }
}
