import { summarize, type ErrorSummary } from './worker-protocol.js';

export interface CollectedRejection {
  readonly kind: 'unhandledRejection' | 'uncaughtException';
  readonly error: ErrorSummary;
}

/**
 * Records unhandled rejections and uncaught exceptions of this process from `install()` until
 * `dispose()`. A fault that makes a store leave a promise unhandled shows up here instead of
 * passing unseen (or crashing the process at some later point).
 */
export class RejectionCollector {
  readonly collected: CollectedRejection[] = [];
  private readonly onRejection = (reason: unknown): void => this.record('unhandledRejection', reason);
  private readonly onException = (error: unknown): void => this.record('uncaughtException', error);

  constructor(private readonly forward?: (rejection: CollectedRejection) => void) {}

  install(): this {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtException', this.onException);
    return this;
  }

  dispose(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtException', this.onException);
  }

  private record(kind: CollectedRejection['kind'], reason: unknown): void {
    const rejection = { kind, error: summarize(reason) };
    this.collected.push(rejection);
    this.forward?.(rejection);
  }
}
