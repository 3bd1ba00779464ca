import { asFlipperError, StoreError, type FlipperError } from './errors.js';
import type { FlagEvents } from './events.js';
import type { FeatureFlagStore } from './store.js';
import { hasUsageCounts, type UsageCounts } from './store-usage.js';
import type { UsageReport } from './usage.js';
import { UsageCounter } from './usage-counter.js';

export type { UsageCounter };
import { UsageMetricExporter } from './usage-meter.js';
import { resolveUsageOptions, type ResolvedUsageOptions, type UsageOptions } from './usage-options.js';

const ADD_USAGE = 'add_usage';

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Flushes a client's `UsageCounter` on an interval: to the store when it keeps usage counts, to
 * the meter when one was given. A flush never rejects: a failed report is retried once, then
 * dropped, each failure an `error` event. The timer is unref'd, so counting never keeps a
 * process alive; `close()` stops it and flushes what is left.
 */
export class UsageReporter {
  readonly counter = new UsageCounter();
  private readonly timer: NodeJS.Timeout;
  private readonly exporter: UsageMetricExporter | undefined;
  private queue: Promise<void> = Promise.resolve();
  private busy = false;

  private constructor(
    private readonly sink: (FeatureFlagStore & UsageCounts) | undefined,
    private readonly events: FlagEvents,
    private readonly options: ResolvedUsageOptions,
  ) {
    this.exporter = options.meter === undefined ? undefined : new UsageMetricExporter(options.meter);
    // The timer holds the reporter weakly: a client dropped without close() is collected, and its
    // timer stops, instead of living on through the interval's closure.
    const self = new WeakRef(this);
    const timer = setInterval(() => {
      const reporter = self.deref();
      if (reporter === undefined) clearInterval(timer);
      else reporter.tick();
    }, options.flushIntervalMs);
    timer.unref();
    this.timer = timer;
  }

  /** A reporter, or undefined when counting is off or nothing would receive the counts. */
  static create(store: FeatureFlagStore, options: UsageOptions | false | undefined, events: FlagEvents): UsageReporter | undefined {
    const resolved = resolveUsageOptions(options);
    const sink = hasUsageCounts(store) ? store : undefined;
    if (!resolved.enabled || (sink === undefined && resolved.meter === undefined)) return undefined;
    return new UsageReporter(sink, events, resolved);
  }

  private tick(): void {
    // A flush still running (a slow store) leaves this interval's counts to the next one.
    if (!this.busy) void this.flush();
  }

  /** Sends the counts so far, after any flush under way; resolves when done, never rejects. */
  flush(): Promise<void> {
    this.queue = this.queue.then(() => this.deliver());
    return this.queue;
  }

  /** Stops the timer and flushes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async deliver(): Promise<void> {
    const flags = this.counter.take();
    if (flags.length === 0) return;
    this.busy = true;
    try {
      const report: UsageReport = { instanceId: this.options.instanceId, at: Math.floor(this.options.clock()), flags };
      this.exportToMeter(report);
      if (this.sink !== undefined) await this.send(this.sink, report);
    } finally {
      this.busy = false;
    }
  }

  private exportToMeter(report: UsageReport): void {
    if (this.exporter === undefined) return;
    try {
      this.exporter.export(report.flags);
    } catch (error) {
      this.report(asFlipperError('meter', 'export_usage', error));
    }
  }

  private async send(sink: FeatureFlagStore & UsageCounts, report: UsageReport): Promise<void> {
    try {
      await sink.addUsage(report);
      return;
    } catch (error) {
      this.report(asFlipperError(sink.storeName, ADD_USAGE, error));
    }
    await pause(this.options.retryDelayMs);
    try {
      await sink.addUsage(report);
    } catch (error) {
      const cause = asFlipperError(sink.storeName, ADD_USAGE, error);
      this.report(new StoreError(sink.storeName, ADD_USAGE, `the usage of ${report.flags.length} flag(s) was dropped after one retry`, { cause }));
    }
  }

  private report(error: FlipperError): void {
    this.events.emit({ type: 'error', featureName: undefined, error });
  }
}
