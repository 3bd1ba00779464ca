import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '@flipper-client/core';
import type { NodeRequestContext } from '@flipper-client/http';
import { resolveContextMapping, type ContextMapping, type ContextMappingOptions } from '@flipper-client/openfeature-mapping';
import { headerAuthorizeOf, withHeaderForm, type HeaderAuthorize, type OfrepAccess } from './access.js';

export interface RateLimitOptions {
  /** Requests per second each key may make, on average. */
  readonly requestsPerSecond: number;
  /** How many it may make at once before the average applies; default `requestsPerSecond`. */
  readonly burst?: number;
}

export interface OfrepOptions extends ContextMappingOptions {
  /**
   * Decides every request: who is asking (`{ id }`) and which flags they may read
   * (`{ id, prefixes }`), or `false` (401). Required unless `public` is true. `apiKeys([...])`
   * builds one for a set of API keys. Served through `middleware`, the request it gets has the
   * method, URL and headers of the node request but no body (the app reads that itself).
   */
  authorize?: (request: Request, context: NodeRequestContext) => OfrepAccess | Promise<OfrepAccess>;
  /** Answer everyone, without a key: every flag (but server-only ones in bulk) is readable by anyone who reaches the server. */
  public?: boolean;
  /** Flags bulk evaluation never returns (single evaluation still does): name prefixes, or a test of the name. */
  serverOnly?: readonly string[] | ((featureName: string) => boolean);
  /** Origins whose pages may call the API (CORS), e.g. `https://app.example.com`; `*` for any. Default none. */
  allowedOrigins?: readonly string[];
  /** Requests per key and second; default none (no limit). Over it: 429 with `Retry-After`. */
  rateLimit?: RateLimitOptions;
  /** Where the app is mounted (`/flags` when Express mounts it there); default the root. */
  basePath?: string;
  /** Longest accepted request body; default 64 KiB. */
  maxBodyBytes?: number;
  /** Key of the event streams' tokens; give every instance behind one load balancer the same. Default: random per app. */
  streamSecret?: string;
  /** `inactivityDelaySec` of the event streams: a hidden page closes its stream after this long; default 120. */
  inactivityDelaySec?: number;
  /** Comment sent on idle event streams so that proxies keep them open; default 15 s. */
  heartbeatMs?: number;
  /** Without a change feed: how often the list of flag names is read again, and the poll interval bulk responses suggest; default 30 s. */
  pollIntervalSec?: number;
  /** Told of failures answered with a 500 (the store's own error, with its message). Default: silent. */
  onError?: (error: unknown, request: Request) => void;
}

export interface ResolvedOfrepOptions extends ContextMapping {
  readonly authorize: (request: Request, context: NodeRequestContext) => OfrepAccess | Promise<OfrepAccess>;
  /** The header-only form of `authorize` when this package built it (`apiKeys`, `public`): no Web Request needed. */
  readonly authorizeByHeaders: HeaderAuthorize | undefined;
  readonly serverOnly: (featureName: string) => boolean;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly rateLimit: { readonly requestsPerSecond: number; readonly burst: number } | undefined;
  readonly basePath: string;
  readonly maxBodyBytes: number;
  readonly streamSecret: string;
  readonly inactivityDelaySec: number;
  readonly heartbeatMs: number;
  readonly pollIntervalSec: number;
  readonly onError: (error: unknown, request: Request) => void;
}

function positive(value: number | undefined, fallback: number, what: string, integer = true): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new InvalidArgumentError(`ofrep ${what} must be a positive ${integer ? 'integer' : 'number'}, got ${String(value)}`);
  }
  return value;
}

function origin(value: string): string {
  if (value === '*') return value;
  try {
    const parsed = new URL(value);
    if (parsed.origin === 'null') throw new Error('no origin');
    return parsed.origin;
  } catch {
    throw new InvalidArgumentError(`ofrep allowedOrigins holds ${JSON.stringify(value)}, which is not an origin like https://app.example.com`);
  }
}

function basePathOf(basePath: string | undefined): string {
  if (basePath === undefined || basePath === '' || basePath === '/') return '';
  if (typeof basePath !== 'string' || !basePath.startsWith('/') || /[?#\s]/.test(basePath)) {
    throw new InvalidArgumentError(`ofrep basePath must be a path like '/flags', got ${JSON.stringify(basePath)}`);
  }
  return basePath.replace(/\/+$/, '');
}

function serverOnlyOf(option: OfrepOptions['serverOnly']): (featureName: string) => boolean {
  if (option === undefined) return () => false;
  if (typeof option === 'function') return option;
  if (!Array.isArray(option) || !option.every((prefix) => typeof prefix === 'string' && prefix !== '')) {
    throw new InvalidArgumentError('ofrep serverOnly must be a list of non-empty flag-name prefixes or a function of the name');
  }
  const prefixes = [...option];
  return (featureName) => prefixes.some((prefix) => featureName.startsWith(prefix));
}

function streamSecretOf(secret: string | undefined): string {
  if (secret === undefined) return randomBytes(32).toString('base64url');
  if (typeof secret !== 'string' || secret.length < 16) throw new InvalidArgumentError('ofrep streamSecret must be a string of at least 16 characters');
  return secret;
}

/** The options with every default filled in; throws `InvalidArgumentError` before anything is served. */
export function resolveOptions(options: OfrepOptions): ResolvedOfrepOptions {
  if (options.authorize === undefined && options.public !== true) {
    throw new InvalidArgumentError(
      'createOfrepApp needs an authorize(request) function that answers { id, prefixes? } or false ' +
        "(apiKeys([...]) builds one), or public: true for a server anyone who reaches it may read",
    );
  }
  if (options.authorize !== undefined && typeof options.authorize !== 'function') throw new InvalidArgumentError('ofrep authorize must be a function');
  const authorize = options.authorize ?? withHeaderForm(() => ({ id: 'public' }));
  const rateLimit = options.rateLimit;
  const requestsPerSecond = rateLimit === undefined ? 0 : positive(rateLimit.requestsPerSecond, 0, 'rateLimit.requestsPerSecond', false);
  return {
    ...resolveContextMapping(options, 'ofrep'),
    authorize,
    authorizeByHeaders: headerAuthorizeOf(authorize),
    serverOnly: serverOnlyOf(options.serverOnly),
    allowedOrigins: new Set((options.allowedOrigins ?? []).map(origin)),
    rateLimit: rateLimit === undefined ? undefined : { requestsPerSecond, burst: positive(rateLimit.burst, Math.max(1, Math.ceil(requestsPerSecond)), 'rateLimit.burst') },
    basePath: basePathOf(options.basePath),
    maxBodyBytes: positive(options.maxBodyBytes, 64 * 1024, 'maxBodyBytes'),
    streamSecret: streamSecretOf(options.streamSecret),
    inactivityDelaySec: positive(options.inactivityDelaySec, 120, 'inactivityDelaySec'),
    heartbeatMs: positive(options.heartbeatMs, 15_000, 'heartbeatMs'),
    pollIntervalSec: positive(options.pollIntervalSec, 30, 'pollIntervalSec'),
    onError: options.onError ?? (() => undefined),
  };
}
