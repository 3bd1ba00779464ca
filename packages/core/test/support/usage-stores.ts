import { MemoryFeatureFlagStore, StoreError } from '../../src/index.js';
import type { UsageReport } from '../../src/store-entry.js';

/** A memory store whose `addUsage` fails the next `failures` times, as a backend outage would. */
export class FlakyUsageStore extends MemoryFeatureFlagStore {
  failures = 0;
  attempts = 0;

  override async addUsage(report: UsageReport): Promise<void> {
    this.attempts++;
    if (this.failures > 0) {
      this.failures--;
      throw new StoreError('memory', 'add_usage', 'connection refused');
    }
    await super.addUsage(report);
  }
}

/** A fixed clock, moved by hand: epoch seconds. */
export function manualClock(start: number): { now: () => number; advance: (seconds: number) => void } {
  let time = start;
  return { now: () => time, advance: (seconds) => void (time += seconds) };
}

/** A memory store whose reads, both kinds, fail while `failure` is set. */
export class FailingReadsStore extends FlakyUsageStore {
  failure: unknown = undefined;

  override get(featureName: string): ReturnType<MemoryFeatureFlagStore['get']> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return super.get(featureName);
  }

  override getSync(featureName: string): ReturnType<MemoryFeatureFlagStore['getSync']> {
    if (this.failure !== undefined) throw this.failure;
    return super.getSync(featureName);
  }
}
