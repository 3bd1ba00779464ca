import { FlipperError, StoreError, WriteNotAppliedError } from '@flipper-client/core/store';
import { sanitizeDriverError, type RedisDriverError } from './errors.js';
import { ReadyGate } from './ready-gate.js';
import type { RedisClient } from './redis-client.js';
import { sendWithTimeout } from './send-with-timeout.js';
import { CommandTimeoutError, writeFailure } from './write-errors.js';

/**
 * Runs Redis commands for the store: each under the store's timeout, each failure turned into a
 * `StoreError` naming the store, the operation and the flag, with any configured secret cut out
 * of the message. The driver's error is never kept as it is (its `command.args` may hold the
 * password): the `cause` is a sanitized copy.
 */
export class CommandRunner {
  private readonly gate: ReadyGate;

  constructor(
    private readonly storeName: string,
    private readonly client: RedisClient,
    private readonly timeoutMs: number,
    private readonly secrets: readonly string[],
  ) {
    this.gate = new ReadyGate(client);
  }

  /** `command` under the timeout; rejects with the driver's own error or a timeout Error. */
  execute<T>(command: () => Promise<T>): Promise<T> {
    return sendWithTimeout(
      this.gate,
      command,
      this.timeoutMs,
      (sent) => new CommandTimeoutError(`timed out after ${this.timeoutMs} ms (connection ${this.client.status})`, sent),
    );
  }

  /**
   * `execute` for a read a write depends on (the document a compare-and-set compares against, the
   * server's clock): nothing has been written when it fails, so its failure is a
   * `WriteNotAppliedError`.
   */
  readBeforeWrite<T>(operation: string, featureName: string, command: () => Promise<T>): Promise<T> {
    return this.execute(command).catch((error: unknown) => {
      if (error instanceof FlipperError) throw error;
      const cause = this.sanitize(error);
      throw new WriteNotAppliedError(this.storeName, operation, cause.message, { featureName, cause });
    });
  }

  /** The longest a command may take before it rejects. */
  get commandTimeoutMs(): number {
    return this.timeoutMs;
  }

  /**
   * `execute` for a command that writes: a failure is a `WriteNotAppliedError` when the write
   * certainly did not happen, else a `WriteOutcomeUnknownError`.
   */
  write<T>(operation: string, featureName: string, command: () => Promise<T>): Promise<T> {
    return this.execute(command).catch((error: unknown) => {
      throw writeFailure(this.storeName, operation, featureName, error, this.sanitize(error));
    });
  }

  /** `execute`, with failures as FlipperErrors naming `featureName`. */
  run<T>(operation: string, featureName: string | undefined, command: () => Promise<T>): Promise<T> {
    return this.execute(command).catch((error: unknown) => {
      throw this.storeError(operation, featureName, error);
    });
  }

  /**
   * `error` as a FlipperError: our own errors pass through, anything else becomes a StoreError
   * whose cause is a sanitized copy of it (name, message, code, stack, secrets cut out).
   */
  storeError(operation: string, featureName: string | undefined, error: unknown): FlipperError {
    if (error instanceof FlipperError) return error;
    const cause = this.sanitize(error);
    return new StoreError(this.storeName, operation, cause.message, { featureName, cause });
  }

  private sanitize(error: unknown): RedisDriverError {
    return sanitizeDriverError(error, (text) => this.redact(text));
  }

  private redact(message: string): string {
    let redacted = message;
    for (const secret of this.secrets) redacted = redacted.split(secret).join('***');
    return redacted;
  }
}
