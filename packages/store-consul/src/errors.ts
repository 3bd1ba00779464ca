const REDACTED = '[redacted]';

/**
 * What is kept of an error the `consul` client threw: its HTTP status, its error code
 * (`ECONNREFUSED`, ...) and its message, and nothing else. The client's own error holds the
 * response and through it the request, whose headers carry the ACL token (`X-Consul-Token`):
 * kept as a `cause`, the token would be one property walk away from anyone logging the error.
 */
export class ConsulClientFailure extends Error {
  private constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ConsulClientFailure';
  }

  /** Copies the status, code and message of `error`, with `token` blanked out of the message. */
  static of(error: unknown, token: string | undefined): ConsulClientFailure {
    const fields = typeof error === 'object' && error !== null ? (error as { response?: { statusCode?: unknown }; code?: unknown }) : {};
    const status = readQuietly(() => fields.response?.statusCode);
    const code = readQuietly(() => fields.code);
    const message = readQuietly(() => (error instanceof Error ? error.message : String(error)));
    return new ConsulClientFailure(
      redact(typeof message === 'string' ? message : 'the consul client failed', token),
      typeof status === 'number' ? status : undefined,
      typeof code === 'string' ? redact(code, token) : undefined,
    );
  }
}

/** Blanks every occurrence of the token; an empty token is not a secret to search for. */
export function redact(text: string, token: string | undefined): string {
  return token === undefined || token === '' ? text : text.split(token).join(REDACTED);
}

/** A getter on a foreign error object may throw; a failure report must not. */
function readQuietly(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return undefined;
  }
}
