import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '@flipper-client/core/store';
import type { BearerTokens } from './auth/bearer-tokens.js';
import { resolveEnvironment, type EnvironmentOption, type ResolvedEnvironment } from './ui/environment.js';

/** What a caller may do: read flags, change them, or nothing. */
export type Access = 'read' | 'write' | false;

/** `authorize`'s answer: the access, optionally with who is asking (for the audit trail). */
export type Authorization = Access | { readonly access: Access; readonly actor?: string };

/** What the host adapter knows beyond the Web Request. */
export interface AuthorizeContext {
  /** The Node request when the app runs as node:http/Express middleware (its `session`, `user`...). */
  readonly nodeRequest?: IncomingMessage;
}

/** The app's own sign-in page for browsers: a token typed in once, then a session cookie. */
export interface SignInOptions {
  /** Whose tokens may sign in: usually the same `bearerTokens(...)` as `authorize`. */
  readonly tokens: BearerTokens;
  /**
   * Key of the session cookies' HMAC, at least 32 characters; give every instance behind one
   * load balancer the same. Default: random per app, so sessions end when it restarts.
   */
  readonly secret?: string | undefined;
  /** How long a session lasts. Default 8 hours. */
  readonly maxAgeMs?: number | undefined;
}

export interface AdminOptions {
  /**
   * Decides every request: `'write'` may change flags, `'read'` may look, `false` is refused
   * (401). Required unless `readOnly` is true: the app refuses to start without it.
   */
  authorize?: (request: Request, context: AuthorizeContext) => Authorization | Promise<Authorization>;
  /**
   * A sign-in page at `<basePath>/sign-in` that trades a token for an `HttpOnly;
   * SameSite=Strict` session cookie scoped to `basePath`, with sign-out. Without it, a browser
   * gets in only through what the host's `authorize` reads (its own session).
   */
  signIn?: SignInOptions;
  /** Refuse every change (403 READ_ONLY). Without `authorize`, everyone may read. */
  readOnly?: boolean;
  /** Where the app is mounted: `/flags`, `/admin/flags`. Default: the root. */
  basePath?: string;
  /**
   * Origins other than the request's own whose pages may write, e.g. the public origin behind
   * a TLS-terminating proxy (`https://admin.example.com`).
   */
  allowedOrigins?: readonly string[];
  /** Key for CSRF tokens; give every instance behind one load balancer the same. Default: random per app. */
  csrfSecret?: string;
  /** The heading of the pages. Default `Feature flags`. */
  title?: string;
  /**
   * A label in the header of every page (and in the page titles), in a colour, so that
   * production cannot be mistaken for staging: `{ name: 'production', color: 'red' }`.
   */
  environment?: EnvironmentOption;
  /** Longest accepted request body. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Flags per page of the web UI's list. Default 100. */
  pageSize?: number;
  /** Comment sent on idle event streams so that proxies keep them open. Default 15 s. */
  heartbeatMs?: number;
  /** Told of unexpected failures, which answer 500 without details. Default: silent. */
  onError?: (error: unknown, request: Request) => void;
}

export interface ResolvedSignIn {
  readonly tokens: BearerTokens;
  readonly secret: string;
  readonly maxAgeMs: number;
}

export interface ResolvedAdminOptions {
  readonly authorize: (request: Request, context: AuthorizeContext) => Authorization | Promise<Authorization>;
  readonly signIn: ResolvedSignIn | undefined;
  readonly readOnly: boolean;
  readonly basePath: string;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly csrfSecret: string;
  readonly title: string;
  readonly environment: ResolvedEnvironment | undefined;
  readonly maxBodyBytes: number;
  readonly pageSize: number;
  readonly heartbeatMs: number;
  readonly onError: (error: unknown, request: Request) => void;
}

function normalizeBasePath(basePath: string | undefined): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return '';
  if (typeof basePath !== 'string' || !basePath.startsWith('/') || /[?#\s]/.test(basePath)) {
    throw new InvalidArgumentError(`admin basePath must be a path like '/flags', got ${JSON.stringify(basePath)}`);
  }
  return basePath.replace(/\/+$/, '');
}

function positive(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError(`admin ${what} must be a positive integer, got ${String(value)}`);
  return value;
}

function origin(value: string): string {
  try {
    return new URL(value).origin;
  } catch {
    throw new InvalidArgumentError(`admin allowedOrigins holds ${JSON.stringify(value)}, which is not an origin like https://admin.example.com`);
  }
}

function resolveSignIn(signIn: SignInOptions | undefined): ResolvedSignIn | undefined {
  if (signIn === undefined) return undefined;
  if (typeof signIn !== 'object' || signIn === null || typeof signIn.tokens !== 'function' || typeof signIn.tokens.holderOf !== 'function') {
    throw new InvalidArgumentError('admin signIn.tokens must be the result of bearerTokens({ write: [...], read: [...] })');
  }
  if (signIn.secret !== undefined && (typeof signIn.secret !== 'string' || signIn.secret.length < 32)) {
    throw new InvalidArgumentError('admin signIn.secret must be a string of at least 32 characters (it signs the session cookies)');
  }
  return {
    tokens: signIn.tokens,
    secret: signIn.secret ?? randomBytes(32).toString('base64url'),
    maxAgeMs: positive(signIn.maxAgeMs, 8 * 3_600_000, 'signIn.maxAgeMs'),
  };
}

export function resolveOptions(options: AdminOptions): ResolvedAdminOptions {
  const readOnly = options.readOnly === true;
  if (options.authorize === undefined && !readOnly) {
    throw new InvalidArgumentError(
      'createAdminApp needs an authorize(request) function that answers read, write or false ' +
        '(or readOnly: true for an app that changes nothing): writes are never anonymous',
    );
  }
  if (options.authorize !== undefined && typeof options.authorize !== 'function') {
    throw new InvalidArgumentError('admin authorize must be a function');
  }
  return {
    authorize: options.authorize ?? (() => 'read'),
    signIn: resolveSignIn(options.signIn),
    readOnly,
    basePath: normalizeBasePath(options.basePath),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map(origin)),
    csrfSecret: options.csrfSecret ?? randomBytes(32).toString('base64url'),
    title: options.title ?? 'Feature flags',
    environment: resolveEnvironment(options.environment),
    maxBodyBytes: positive(options.maxBodyBytes, 64 * 1024, 'maxBodyBytes'),
    pageSize: positive(options.pageSize, 100, 'pageSize'),
    heartbeatMs: positive(options.heartbeatMs, 15_000, 'heartbeatMs'),
    onError: options.onError ?? (() => undefined),
  };
}
