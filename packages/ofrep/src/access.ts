import * as crypto from 'node:crypto';
import { InvalidArgumentError } from '@flipper-client/core';

/**
 * What `authorize` answers: who is asking (an `id` for rate limits and logs, never the key) and
 * optionally the flag-name prefixes they may read; `false` refuses the request (401).
 */
export type OfrepAccess = { readonly id: string; readonly prefixes?: readonly string[] } | false;

/** An access that was granted, as the app uses it. */
export interface Grant {
  readonly id: string;
  /** undefined: every flag. */
  readonly prefixes: readonly string[] | undefined;
}

/** `authorize`'s answer checked: anything but a well-formed grant refuses, rather than guess. */
export function grantOf(access: unknown): Grant | undefined {
  if (typeof access !== 'object' || access === null) return undefined;
  const { id, prefixes } = access as { id?: unknown; prefixes?: unknown };
  if (typeof id !== 'string' || id === '') return undefined;
  if (prefixes === undefined) return { id, prefixes: undefined };
  if (!Array.isArray(prefixes) || !prefixes.every((prefix) => typeof prefix === 'string')) return undefined;
  return { id, prefixes: [...(prefixes as string[])] };
}

export function mayRead(grant: Grant, featureName: string): boolean {
  return grant.prefixes === undefined || grant.prefixes.some((prefix) => featureName.startsWith(prefix));
}

/** A request header by its lowercase name, however the request arrived. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * `authorize` from the headers alone: what `apiKeys` and `public` decide by. The app calls it
 * instead of `authorize` when there, so that a node:http request needs no Web Request.
 */
export type HeaderAuthorize = (header: HeaderLookup) => OfrepAccess;

const BY_HEADERS = Symbol('ofrep.authorizeByHeaders');

/** The header-only form of an `authorize` this package built, if it is one. */
export function headerAuthorizeOf(authorize: unknown): HeaderAuthorize | undefined {
  if (typeof authorize !== 'function') return undefined;
  const byHeaders = (authorize as { [BY_HEADERS]?: unknown })[BY_HEADERS];
  return typeof byHeaders === 'function' ? (byHeaders as HeaderAuthorize) : undefined;
}

/** An `authorize` for Web Requests that carries its header-only form for the app. */
export function withHeaderForm(byHeaders: HeaderAuthorize): (request: Request) => OfrepAccess {
  const authorize = (request: Request): OfrepAccess => byHeaders((name) => request.headers.get(name) ?? undefined);
  return Object.assign(authorize, { [BY_HEADERS]: byHeaders });
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The API key a request carries: `Authorization: Bearer <key>`, else `X-API-Key: <key>`. */
export function apiKeyOf(header: HeaderLookup): string | undefined {
  const authorization = header('authorization');
  if (authorization !== undefined) {
    const match = BEARER.exec(authorization);
    if (match !== null) return match[1];
  }
  const key = header('x-api-key')?.trim();
  return key === undefined || key === '' ? undefined : key;
}

/** One key of `apiKeys`. */
export interface ApiKey {
  /** The secret itself, at least 16 characters. Keep it out of source code. */
  readonly key: string;
  /** The name of the key in logs and rate limits; default `key-1`, `key-2`... in order. */
  readonly id?: string;
  /** The flag-name prefixes it may read; every flag when absent. */
  readonly prefixes?: readonly string[];
}

const MIN_KEY_LENGTH = 16;

// crypto.hash (Node ≥ 20.12) skips the Hash object; older 20.x releases take the long way.
const digest: (key: string) => string =
  typeof crypto.hash === 'function' ? (key) => crypto.hash('sha256', key, 'hex') : (key) => crypto.createHash('sha256').update(key).digest('hex');

/**
 * An `authorize` for a fixed set of API keys, sent as `Authorization: Bearer <key>` or
 * `X-API-Key: <key>`. Refuses to build with an empty, short or repeated key. Keys are looked
 * up by their SHA-256 digest, so the comparison takes the same time whatever the key shares
 * with a real one.
 */
export function apiKeys(keys: readonly ApiKey[]): (request: Request) => OfrepAccess {
  if (!Array.isArray(keys) || keys.length === 0) throw new InvalidArgumentError('ofrep apiKeys needs at least one key');
  const byDigest = new Map<string, OfrepAccess>();
  keys.forEach((entry, index) => {
    const id = entry.id ?? `key-${index + 1}`;
    if (typeof entry.key !== 'string' || entry.key.trim().length < MIN_KEY_LENGTH) {
      throw new InvalidArgumentError(`ofrep apiKeys: key ${JSON.stringify(id)} must be a string of at least ${MIN_KEY_LENGTH} characters (an unset variable gives none)`);
    }
    const hashed = digest(entry.key);
    if (byDigest.has(hashed)) throw new InvalidArgumentError(`ofrep apiKeys: key ${JSON.stringify(id)} is given twice`);
    byDigest.set(hashed, entry.prefixes === undefined ? { id } : { id, prefixes: [...entry.prefixes] });
  });
  return withHeaderForm((header) => {
    const key = apiKeyOf(header);
    return key === undefined ? false : (byDigest.get(digest(key)) ?? false);
  });
}
