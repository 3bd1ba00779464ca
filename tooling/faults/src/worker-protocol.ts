import type { StoreSpec } from './store-spec.js';
import type { TaskSpec } from './tasks/task-spec.js';

/** From the test process to a worker. */
export type ToWorker =
  | { readonly type: 'run'; readonly runId: number; readonly spec: StoreSpec; readonly task: TaskSpec }
  | { readonly type: 'go'; readonly runId: number }
  | { readonly type: 'exit' };

/** A summary of an error that crosses the process boundary. */
export interface ErrorSummary {
  readonly name: string;
  readonly message: string;
}

/** From a worker to the test process (JSON over the IPC channel). */
export type FromWorker =
  | { readonly type: 'started'; readonly pid: number }
  /** The store is open; waiting for `go`. */
  | { readonly type: 'ready'; readonly runId: number }
  | { readonly type: 'result'; readonly runId: number; readonly result: unknown; readonly absorbed: number }
  | { readonly type: 'failed'; readonly runId: number; readonly error: ErrorSummary }
  /** An unhandled rejection or uncaught exception in the worker. */
  | { readonly type: 'rejection'; readonly kind: 'unhandledRejection' | 'uncaughtException'; readonly error: ErrorSummary };

export function summarize(error: unknown): ErrorSummary {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: String(error) };
}
