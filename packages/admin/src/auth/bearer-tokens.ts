import { createHash, timingSafeEqual } from 'node:crypto';
import type { Authorization } from '../options.js';
import { AdminTokenError } from '../errors.js';

/** A token with the name the audit trail records for whoever presents it. */
export interface NamedToken {
  readonly token: string | undefined;
  readonly actor: string;
}

/** A token as given: a bare string (named `write token 1`...) or with its actor. */
export type TokenEntry = string | undefined | NamedToken;

export interface BearerTokensOptions {
  /** Tokens that may change flags. */
  readonly write?: readonly TokenEntry[];
  /** Tokens that may only look. */
  readonly read?: readonly TokenEntry[];
}

/** Who a presented token belongs to. */
export interface TokenHolder {
  readonly access: 'read' | 'write';
  readonly actor: string;
}

/**
 * An `authorize` for `Authorization: Bearer <token>` requests, made by `bearerTokens`. Its
 * `holderOf` is what the browser sign-in checks a typed-in token with.
 */
export interface BearerTokens {
  (request: Request): Authorization;
  /** The holder of this token, or undefined: compared in constant time against every token. */
  holderOf(token: string | null | undefined): TokenHolder | undefined;
}

/** Shorter tokens can be guessed or are placeholders (`changeme`, `secret`). */
export const MIN_TOKEN_LENGTH = 16;

interface Known {
  readonly where: string;
  readonly digest: Buffer;
  readonly holder: TokenHolder;
}

// Comparing fixed-length digests keeps the comparison constant-time whatever the lengths.
const digestOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

function checked(entry: TokenEntry, access: 'read' | 'write', index: number): Known {
  const where = `${access}[${index}]`;
  const named = typeof entry === 'object' && entry !== null;
  const token = named ? entry.token : entry;
  const actor = named ? entry.actor : `${access} token ${index + 1}`;
  if (token === undefined || token === null) {
    throw new AdminTokenError(where, 'is not set (an unset environment variable?); every request would be refused or, worse, matched by "Bearer undefined"');
  }
  if (typeof token !== 'string') throw new AdminTokenError(where, `must be a string, got ${typeof token}`);
  if (token.trim() !== token || /\s/.test(token)) throw new AdminTokenError(where, 'holds whitespace, which a header cannot carry intact');
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new AdminTokenError(where, `is ${token.length === 0 ? 'empty' : `${token.length} characters long`}; use at least ${MIN_TOKEN_LENGTH} random characters (node -e "console.log(crypto.randomBytes(24).toString('base64url'))")`);
  }
  if (typeof actor !== 'string' || actor.trim() === '') throw new AdminTokenError(where, 'needs an actor: the name the audit trail records');
  return { where, digest: digestOf(token), holder: { access, actor } };
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/**
 * An authorizer for API clients: `Authorization: Bearer <token>` with one of the `write` or
 * `read` tokens, each naming its actor in the audit trail. Throws `AdminTokenError` when a token
 * is missing, empty, shorter than 16 characters or given twice, so that an unset variable stops
 * the app at start instead of letting `Bearer undefined` in.
 */
export function bearerTokens(options: BearerTokensOptions): BearerTokens {
  const known = [
    ...(options.write ?? []).map((entry, index) => checked(entry, 'write', index)),
    ...(options.read ?? []).map((entry, index) => checked(entry, 'read', index)),
  ];
  if (known.length === 0) throw new AdminTokenError('write', 'and read are both empty: no token could ever be accepted');
  for (let i = 0; i < known.length; i++) {
    for (let j = 0; j < i; j++) {
      if (known[i]!.digest.equals(known[j]!.digest)) throw new AdminTokenError(known[i]!.where, `is the same token as ${known[j]!.where}: give each holder a token of their own`);
    }
  }

  const holderOf = (token: string | null | undefined): TokenHolder | undefined => {
    if (typeof token !== 'string' || token === '') return undefined;
    const given = digestOf(token);
    let found: TokenHolder | undefined;
    // Every token is compared, so the time taken does not tell which one (if any) matched.
    for (const { digest, holder } of known) if (timingSafeEqual(digest, given) && found === undefined) found = holder;
    return found;
  };
  const authorize = (request: Request): Authorization => {
    const header = request.headers.get('authorization');
    const holder = header === null ? undefined : holderOf(BEARER.exec(header)?.[1]);
    return holder === undefined ? false : { access: holder.access, actor: holder.actor };
  };
  return Object.assign(authorize, { holderOf });
}
