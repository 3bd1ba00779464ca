/** How long a keyspace notification can stand for the channel message of the same write. */
export const ECHO_WINDOW_MS = 1000;
/** Past this many flags holding credits, expired credits are swept on the next notification. */
const SWEEP_ABOVE = 256;

interface Credits {
  count: number;
  expiresAt: number;
}

/**
 * Recognises the channel message that repeats a keyspace notification. A write of this library
 * sets the key and publishes the flag name in one script, so a feed hearing both would report
 * every such write twice, and a cache in front would read the flag twice. Redis sends the key's
 * notification first; on a single server both reach the feed in that order on one connection.
 *
 * Each keyspace notification of a flag leaves one credit for it, good for `windowMs`; a channel
 * message that finds a credit spends it and is an echo. Keyspace notifications are never dropped,
 * and a channel message with no notification before it — from a database or cluster master the
 * feed does not watch, or when notifications are off — is not an echo: every write is still
 * reported at least once. On a cluster the two arrive on different connections; a channel
 * message that overtakes its notification is reported too (twice in all, never zero times).
 */
export class ChannelEchoFilter {
  private readonly credits = new Map<string, Credits>();

  constructor(
    private readonly windowMs: number = ECHO_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many flags hold unspent credits (bounded by the writes of one window). */
  get flagsWithCredits(): number {
    return this.credits.size;
  }

  /** A keyspace notification of `featureName` was reported. */
  keyspaceEvent(featureName: string): void {
    const now = this.now();
    const credits = this.credits.get(featureName);
    if (credits === undefined || credits.expiresAt <= now) {
      if (this.credits.size >= SWEEP_ABOVE) this.sweep(now);
      this.credits.set(featureName, { count: 1, expiresAt: now + this.windowMs });
    } else {
      credits.count += 1;
      credits.expiresAt = now + this.windowMs;
    }
  }

  /** Whether a channel message of `featureName` repeats a notification already reported. */
  isEcho(featureName: string): boolean {
    const credits = this.credits.get(featureName);
    if (credits === undefined) return false;
    if (credits.expiresAt <= this.now()) {
      this.credits.delete(featureName);
      return false;
    }
    credits.count -= 1;
    if (credits.count === 0) this.credits.delete(featureName);
    return true;
  }

  private sweep(now: number): void {
    for (const [featureName, credits] of this.credits) {
      if (credits.expiresAt <= now) this.credits.delete(featureName);
    }
  }
}
