import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readCookie } from '../http/csrf.js';
import type { TokenHolder } from './bearer-tokens.js';

export const SESSION_COOKIE = 'flipper_admin_session';

/** A signed-in browser: who, with which access, until when. */
export interface Session extends TokenHolder {
  readonly id: string;
  /** Epoch milliseconds after which the cookie is refused. */
  readonly expiresAt: number;
}

interface Payload {
  readonly i: string;
  readonly a: string;
  readonly w: 'read' | 'write';
  readonly e: number;
}

function isPayload(value: unknown): value is Payload {
  if (typeof value !== 'object' || value === null) return false;
  const { i, a, w, e } = value as Record<string, unknown>;
  return typeof i === 'string' && typeof a === 'string' && (w === 'read' || w === 'write') && typeof e === 'number';
}

/**
 * Sessions held in the browser, not on the server: the cookie is `payload.hmac`, so any
 * instance with the same secret accepts it, and nothing but this app can make one. Signing out
 * clears the cookie and remembers the session's id until it would have expired, so a copy of
 * the cookie taken before is refused by this instance too.
 */
export class SessionCookies {
  private readonly signedOut = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly cookiePath: string,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`session:${payload}`).digest('base64url');
  }

  private attributes(request: Request, maxAgeSeconds: number): string {
    const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
    return `Path=${this.cookiePath || '/'}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
  }

  /** The Set-Cookie header that signs this browser in as `holder`. */
  issue(request: Request, holder: TokenHolder): string {
    const payload: Payload = { i: randomBytes(12).toString('base64url'), a: holder.actor, w: holder.access, e: this.now() + this.maxAgeMs };
    const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${SESSION_COOKIE}=${encoded}.${this.sign(encoded)}; ${this.attributes(request, Math.floor(this.maxAgeMs / 1000))}`;
  }

  /** The session the request's cookie proves, if it is signed by this secret, unexpired and not signed out. */
  read(request: Request): Session | undefined {
    const value = readCookie(request, SESSION_COOKIE);
    const dot = value?.indexOf('.') ?? -1;
    if (value === undefined || dot <= 0) return undefined;
    const encoded = value.slice(0, dot);
    const expected = Buffer.from(this.sign(encoded));
    const given = Buffer.from(value.slice(dot + 1));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isPayload(payload) || payload.e <= this.now() || this.signedOut.has(payload.i)) return undefined;
    return { id: payload.i, actor: payload.a, access: payload.w, expiresAt: payload.e };
  }

  /** The Set-Cookie header that removes the cookie; the session (if any) is refused from now on. */
  end(request: Request): string {
    const session = this.read(request);
    const now = this.now();
    for (const [id, until] of this.signedOut) if (until <= now) this.signedOut.delete(id);
    if (session !== undefined) this.signedOut.set(session.id, session.expiresAt);
    return `${SESSION_COOKIE}=; ${this.attributes(request, 0)}`;
  }
}
