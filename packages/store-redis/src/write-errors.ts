import { FlipperError, WriteNotAppliedError, WriteOutcomeUnknownError } from '@flipper-client/core/store';
import type { RedisDriverError } from './errors.js';

/** A timeout of the store's own, telling whether the command had left the store. */
export class CommandTimeoutError extends Error {
  constructor(
    message: string,
    readonly sent: boolean,
  ) {
    super(message);
    this.name = 'CommandTimeoutError';
  }
}

/** The write script refused to run because the caller's deadline had passed on the server's clock. */
export class DeadlinePassedError extends Error {
  constructor() {
    super("refused by Redis: the write's deadline had passed when it arrived");
    this.name = 'DeadlinePassedError';
  }
}

/**
 * ioredis's refusal of a command it never sent (offline queue off, stream not writable). Its
 * "Connection is closed." is not here: it says that both of a command never sent and of one on
 * the wire when the connection dropped, so it leaves the outcome unknown.
 */
const NOT_SENT = /enableOfflineQueue|Stream isn't writeable/;

/**
 * Whether a failed write certainly did not happen. Redis answered an error (a `ReplyError`: the
 * script did not run, or refused), the store never sent it (timed out at the gate), or ioredis
 * refused it before sending. Anything else — a timeout with the command on the wire, a
 * connection lost under it — leaves the outcome unknown.
 */
function certainlyNotApplied(error: unknown, cause: RedisDriverError): boolean {
  if (error instanceof CommandTimeoutError) return !error.sent;
  if (error instanceof DeadlinePassedError) return true;
  return cause.name === 'ReplyError' || NOT_SENT.test(cause.message);
}

/** A failed write as the core's typed errors: not applied, or outcome unknown. */
export function writeFailure(
  store: string,
  operation: string,
  featureName: string,
  error: unknown,
  cause: RedisDriverError,
): FlipperError {
  if (error instanceof FlipperError) return error;
  const options = { featureName, cause };
  return certainlyNotApplied(error, cause)
    ? new WriteNotAppliedError(store, operation, cause.message, options)
    : new WriteOutcomeUnknownError(store, operation, cause.message, options);
}
