import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Grant } from './access.js';

/**
 * The credential in an event stream's URL. A browser's EventSource sends no headers, so the URL
 * carries it: a signed statement of the grant (its id and prefixes), never the API key itself.
 * It grants nothing but change notifications for the flags the grant may read. It is the same
 * for every bulk answer to the same grant, so that a cached answer (304) keeps a working URL;
 * changing `streamSecret` revokes every token.
 */
export class StreamTokens {
  /** Tokens already signed, by payload: every bulk answer carries one, and grants are few. */
  private readonly issued = new Map<string, string>();

  constructor(private readonly secret: string) {}

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  issue(grant: Grant): string {
    const payload = Buffer.from(JSON.stringify([grant.id, grant.prefixes ?? null])).toString('base64url');
    let token = this.issued.get(payload);
    if (token === undefined) {
      token = `${payload}.${this.sign(payload).toString('base64url')}`;
      if (this.issued.size >= 1000) this.issued.clear();
      this.issued.set(payload, token);
    }
    return token;
  }

  /** The grant a token was issued for, or undefined when it is not one of ours. */
  verify(token: string | null): Grant | undefined {
    if (token === null) return undefined;
    const [payload, signature, extra] = token.split('.');
    if (payload === undefined || signature === undefined || extra !== undefined) return undefined;
    const expected = this.sign(payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const [id, prefixes] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string[] | null];
      return { id, prefixes: prefixes ?? undefined };
    } catch {
      return undefined;
    }
  }
}
