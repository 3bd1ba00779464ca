import type { CommandRunner } from './command-runner.js';
import { dataNodes, isCluster, type RedisClient } from './redis-client.js';

/** How long one reading of the servers' clocks is used before it is taken again. */
const SAMPLE_FOR_MS = 10_000;

/**
 * What the store knows of the Redis servers' clocks, to give every write a deadline on the
 * server's own clock that the write script checks (see `write-script.ts`).
 *
 * `TIME` is read on every master; for each, `serverTime - localTimeWhenTheAnswerArrived` is a
 * lower bound of how far the server's clock is ahead of this process's monotonic clock (the
 * server read its clock before answering). The smallest bound over the masters is kept. So a
 * deadline of `bound + localNow + timeoutMs` has passed on every master by the time the store's
 * timer for that write fires: a write the caller has been told failed, or may have failed,
 * can no longer run — not when ioredis re-sends it after a reconnect, not when its bytes sat in a
 * partitioned link. It is read again every 10 s, so that clocks drifting apart cannot widen the
 * bound; a server clock stepped backwards by N ms (an NTP correction, a failover to a node
 * whose clock is behind) lets a late write in for those N ms at most.
 */
export class ServerClock {
  private boundMs: number | undefined;
  private sampledAt = Number.NEGATIVE_INFINITY;
  private sampling: Promise<number> | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly runner: CommandRunner,
  ) {}

  /**
   * The deadline, in microseconds of the server's clock, for a write whose timer starts now and
   * runs `timeoutMs`. Reads the clocks first when the last reading is too old; rejects (the
   * write not sent) when that fails.
   */
  async deadlineMicros(operation: string, featureName: string): Promise<number> {
    const bound = await this.bound(operation, featureName);
    return Math.floor((bound + performance.now() + this.runner.commandTimeoutMs) * 1000);
  }

  private bound(operation: string, featureName: string): Promise<number> {
    if (this.boundMs !== undefined && performance.now() - this.sampledAt < SAMPLE_FOR_MS) {
      return Promise.resolve(this.boundMs);
    }
    this.sampling ??= this.sample(operation, featureName).finally(() => {
      this.sampling = undefined;
    });
    return this.sampling;
  }

  private async sample(operation: string, featureName: string): Promise<number> {
    const startedAt = performance.now();
    if (isCluster(this.client) && this.client.status !== 'ready') {
      // The masters are known once the cluster client is ready; a keyless command waits for that.
      await this.runner.readBeforeWrite(operation, featureName, () => this.client.ping());
    }
    const bounds = await Promise.all(
      dataNodes(this.client).map(async (node) => {
        const [seconds, micros] = await this.runner.readBeforeWrite(operation, featureName, () => node.time());
        return Number(seconds) * 1000 + Number(micros) / 1000 - performance.now();
      }),
    );
    this.boundMs = Math.min(...bounds);
    this.sampledAt = startedAt;
    return this.boundMs;
  }
}
