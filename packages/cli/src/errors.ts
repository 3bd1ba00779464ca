import {
  FlagDoesNotExistError,
  FlipperError,
  InvalidArgumentError,
  InvalidDocumentError,
  StoreError,
} from '@flipper-client/core/store';

/** The exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** A flag-level error: a missing flag, a corrupt document, a bad document in an import file, a failed verification. */
  flag: 1,
  /** Bad usage: arguments, options, store URLs, `key=value` pairs, operators, percentages; a store package not installed. */
  usage: 2,
  /**
   * The store could not be reached or failed. A write whose answer was lost also ends with 3, its
   * message saying it "may or may not have been applied" (`WRITE_OUTCOME_UNKNOWN`).
   */
  unreachable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error this tool raises itself, with the exit code it ends the command with. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message.startsWith('flipper: ') ? message : `flipper: ${message}`, options);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(EXIT.usage, message, options);
    this.name = 'UsageError';
  }
}

export class FlagError extends CliError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(EXIT.flag, message, options);
    this.name = 'FlagError';
  }
}

export class UnreachableError extends CliError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(EXIT.unreachable, message, options);
    this.name = 'UnreachableError';
  }
}

/** Which exit code an error ends the command with. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof StoreError) return EXIT.unreachable;
  if (error instanceof InvalidArgumentError) return EXIT.usage;
  if (error instanceof FlagDoesNotExistError || error instanceof InvalidDocumentError) return EXIT.flag;
  if (error instanceof FlipperError) return EXIT.flag;
  return EXIT.flag;
}

/** The one line printed on stderr for an error: the library's messages already say `flipper: flag "X": ...`. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith('flipper: ') ? message : `flipper: ${message}`;
}

/** Re-throws a core `InvalidArgumentError` raised while building a change from arguments as a usage error naming the flag. */
export function asUsageError(featureName: string, what: string, error: unknown): never {
  if (error instanceof InvalidArgumentError) {
    const message = error.message.replace(/^flipper: (flag "[^"]*": )?/, '');
    throw new UsageError(`flag ${JSON.stringify(featureName)}: ${what}: ${message}`, { cause: error });
  }
  throw error;
}
