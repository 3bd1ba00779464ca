/** How many `cause` links of a driver error are copied; deeper ones are left out. */
const MAX_CAUSE_DEPTH = 4;

/**
 * What the store keeps of an error from ioredis or the network: its name, message, code and stack,
 * with configured secrets cut out, and its `cause` chain copied the same way. Nothing else is
 * kept, because ioredis errors carry the failed command — and when authentication fails, that
 * command is `AUTH` or `HELLO 3 AUTH <user> <password>`, with the password in `command.args` —
 * which a logger printing the error deeply, or a caller walking its properties, would expose.
 */
export class RedisDriverError extends Error {
  /** The original error's `code` (`ECONNREFUSED`, ...), when it had one. */
  readonly code: string | undefined;

  constructor(name: string, message: string, code: string | undefined, stack: string | undefined, cause: RedisDriverError | undefined) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
    this.code = code;
    if (stack !== undefined) this.stack = stack;
  }
}

/** `error` reduced to a {@link RedisDriverError}, every text passed through `redact`. */
export function sanitizeDriverError(error: unknown, redact: (text: string) => string, depth = 0): RedisDriverError {
  if (!(error instanceof Error)) return new RedisDriverError('Error', redact(String(error)), undefined, undefined, undefined);
  const details = error as Error & { code?: unknown; lastNodeError?: unknown };
  const code = typeof details.code === 'string' || typeof details.code === 'number' ? String(details.code) : undefined;
  // Node's connection attempts to several addresses fail with an AggregateError with no message.
  const message =
    error.message === '' && error instanceof AggregateError
      ? error.errors.map((inner: unknown) => (inner instanceof Error ? inner.message : String(inner))).join('; ')
      : error.message;
  // ioredis's "all cluster nodes failed" error keeps the last node's error beside, not as, its cause.
  const inner = error.cause ?? details.lastNodeError;
  const cause = inner === undefined || inner === null || depth >= MAX_CAUSE_DEPTH ? undefined : sanitizeDriverError(inner, redact, depth + 1);
  const stack = typeof error.stack === 'string' ? redact(error.stack) : undefined;
  return new RedisDriverError(error.name, redact(message), code, stack, cause);
}
