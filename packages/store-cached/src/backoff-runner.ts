/**
 * Runs a task now or after a growing delay, never twice at once, and again after a failure
 * until it succeeds or is stopped. The timer does not keep the process alive.
 */
export class BackoffRunner {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly onFailure: (error: unknown) => void,
    private readonly baseDelayMs = 100,
    private readonly maxDelayMs = 30_000,
  ) {}

  /** Runs the task now, bringing a pending retry forward; nothing when it is running already. */
  runNow(): void {
    if (this.running || this.stopped) return;
    this.cancelTimer();
    this.running = true;
    this.task().then(
      () => {
        this.failures = 0;
        this.finish();
      },
      (error: unknown) => {
        this.failures++;
        this.finish();
        this.onFailure(error);
        this.runLater();
      },
    );
  }

  /** Runs the task after the backoff delay, unless it is running or already due. */
  runLater(): void {
    if (this.running || this.stopped || this.timer !== undefined) return;
    const delay = Math.min(this.baseDelayMs * 2 ** Math.max(0, this.failures - 1), this.maxDelayMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runNow();
    }, delay);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private finish(): void {
    this.running = false;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
