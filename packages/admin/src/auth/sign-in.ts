import { AdminError } from '../errors.js';
import { readForm } from '../http/body.js';
import { CSRF_FIELD, type CsrfTokens } from '../http/csrf.js';
import { assertSameOrigin } from '../http/gate.js';
import { htmlResponse, seeOther } from '../http/responses.js';
import type { PageContext } from '../ui/layout.js';
import { renderSignInPage } from '../ui/sign-in-page.js';
import type { BearerTokens } from './bearer-tokens.js';
import type { SessionCookies } from './session-cookies.js';

export const SIGN_IN_PATH = '/sign-in';
export const SIGN_OUT_PATH = '/sign-out';

export interface SignInParts {
  readonly tokens: BearerTokens;
  readonly sessions: SessionCookies;
  readonly csrf: CsrfTokens;
  readonly basePath: string;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly maxBodyBytes: number;
  /** The page context of a visitor who is not signed in. */
  readonly page: (csrfToken: string) => PageContext;
}

/** A form post of the app's own page: same origin and the page's CSRF token, else refused. */
async function pageForm(request: Request, parts: SignInParts): Promise<URLSearchParams> {
  assertSameOrigin(request, parts.allowedOrigins);
  const form = await readForm(request, parts.maxBodyBytes);
  if (!parts.csrf.verify(request, form.get(CSRF_FIELD))) {
    throw new AdminError(403, 'CSRF_TOKEN_INVALID', 'The page was out of date or the request did not come from it; reload and try again', undefined, `the form needs the page's CSRF token (${CSRF_FIELD})`);
  }
  return form;
}

/**
 * The sign-in page, the token it posts, and sign-out; undefined for any other path. These run
 * before `authorize`: a visitor who is not signed in must reach them.
 */
export async function signInResponse(request: Request, relative: string, parts: SignInParts, headers: Headers, csrfToken: string): Promise<Response | undefined> {
  if (relative === SIGN_IN_PATH && request.method === 'GET') {
    // Already signed in: the form would only say "not signed in" above a session that works.
    if (parts.sessions.read(request) !== undefined) return seeOther(`${parts.basePath}/`, headers);
    return htmlResponse(200, renderSignInPage(parts.page(csrfToken)), headers);
  }
  if (relative === SIGN_IN_PATH && request.method === 'POST') {
    const form = await pageForm(request, parts);
    const holder = parts.tokens.holderOf(form.get('token')?.trim());
    if (holder === undefined) return htmlResponse(401, renderSignInPage(parts.page(csrfToken), 'That is not one of this app’s tokens.'), headers);
    headers.append('set-cookie', parts.sessions.issue(request, holder));
    return seeOther(`${parts.basePath}/?done=signed-in`, headers);
  }
  if (relative === SIGN_OUT_PATH && request.method === 'POST') {
    await pageForm(request, parts);
    headers.append('set-cookie', parts.sessions.end(request));
    return seeOther(`${parts.basePath}${SIGN_IN_PATH}`, headers);
  }
  if (relative === SIGN_IN_PATH || relative === SIGN_OUT_PATH) {
    throw new AdminError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not allowed here`, undefined, `allowed: ${relative === SIGN_IN_PATH ? 'GET, POST' : 'POST'}`);
  }
  return undefined;
}
