import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'flipper_admin_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (header === null) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

const NONCE = /^[A-Za-z0-9_-]{24}$/;

/**
 * Signed double-submit tokens: the browser holds a random nonce in an HttpOnly, SameSite=Strict
 * cookie; pages embed HMAC(secret, nonce). A cross-site page can neither read the token nor
 * compute it, and a cookie planted from a sibling domain has no valid signature to go with it.
 */
export class CsrfTokens {
  constructor(
    private readonly secret: string,
    private readonly cookiePath: string,
  ) {}

  private sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(nonce).digest('base64url');
  }

  /** The token for this browser's pages, and a Set-Cookie header when it has no nonce yet. */
  issue(request: Request): { token: string; setCookie?: string } {
    const existing = readCookie(request, CSRF_COOKIE);
    if (existing !== undefined && NONCE.test(existing)) return { token: this.sign(existing) };
    const nonce = randomBytes(18).toString('base64url');
    const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
    return {
      token: this.sign(nonce),
      setCookie: `${CSRF_COOKIE}=${nonce}; Path=${this.cookiePath || '/'}; HttpOnly; SameSite=Strict${secure}`,
    };
  }

  verify(request: Request, submitted: string | null | undefined): boolean {
    const nonce = readCookie(request, CSRF_COOKIE);
    if (nonce === undefined || !NONCE.test(nonce) || typeof submitted !== 'string') return false;
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(submitted);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
