import type { FeatureFlagStoreItem } from './item.js';

type Read = FeatureFlagStoreItem | undefined;

/**
 * Reads of a flag in progress, shared, for authors of stores over a network: every caller asking
 * for a flag while a read of it is on the wire gets that read's answer, so many concurrent
 * `isEnabled` calls on one flag cost one round trip. The store calls `forget` when it writes the
 * flag, so that a read started after the write resolved asks anew instead of receiving an answer
 * sent before the write.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<Read>>();

  /** The read of `featureName` in progress, or a new one made by `read`. */
  share(featureName: string, read: (featureName: string) => Promise<Read>): Promise<Read> {
    const pending = this.reads.get(featureName);
    if (pending !== undefined) return pending;
    const started = read(featureName);
    this.reads.set(featureName, started);
    const settled = (): void => {
      if (this.reads.get(featureName) === started) this.reads.delete(featureName);
    };
    started.then(settled, settled);
    return started;
  }

  /** Later reads of `featureName` start their own; the one in progress still answers its callers. */
  forget(featureName: string): void {
    this.reads.delete(featureName);
  }
}
