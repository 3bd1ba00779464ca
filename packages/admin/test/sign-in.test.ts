import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, InvalidArgumentError, MemoryFeatureFlagStore } from '@flipper-client/core';
import { SessionCookies, SESSION_COOKIE } from '../src/auth/session-cookies.js';
import { bearerTokens, createAdminApp, CSRF_COOKIE } from '../src/index.js';
import { errorOf, startAdmin, type RunningAdmin } from './support/admin-server.js';

/* The app's own sign-in over HTTP: the cookie it sets, what it accepts, and what it refuses. */
const OPS = 'ops-token-0123456789abcdef';
const VIEWER = 'viewer-token-0123456789abc';
const tokens = bearerTokens({ write: [{ token: OPS, actor: 'ops' }], read: [{ token: VIEWER, actor: 'viewer' }] });

let admin: RunningAdmin;
beforeAll(async () => {
  admin = await startAdmin({ admin: { authorize: tokens, signIn: { tokens } } });
  await admin.client.create('TARGET');
});
afterAll(async () => admin.stop());

const cookieOf = (headers: Headers, name: string): string | undefined => headers.getSetCookie().find((line) => line.startsWith(`${name}=`));

/** A visit to the sign-in page: the CSRF cookie and the page's token. */
async function visit(): Promise<{ csrf: string; token: string }> {
  const page = await admin.call('GET', '/sign-in', { token: null });
  expect(page.status).toBe(200);
  return { csrf: cookieOf(page.headers, CSRF_COOKIE)!.split(';')[0]!, token: /name="_csrf" value="([^"]+)"/.exec(page.text)![1]! };
}

async function signIn(token: string, headers: Record<string, string> = { origin: admin.origin }) {
  const { csrf, token: formToken } = await visit();
  const answer = await admin.call('POST', '/sign-in', {
    token: null,
    body: new URLSearchParams({ token, _csrf: formToken }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf, ...headers },
  });
  const session = cookieOf(answer.headers, SESSION_COOKIE);
  return { answer, csrf, formToken, session, jar: session === undefined ? csrf : `${csrf}; ${session.split(';')[0]}` };
}

describe('sign-in', () => {
  it('trades a token for an HttpOnly, SameSite=Strict, expiring session cookie scoped to the base path', async () => {
    const { answer, session } = await signIn(OPS);
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/flags/?done=signed-in');
    expect(session).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}; Path=/flags; Max-Age=28800; HttpOnly; SameSite=Strict$`));
    expect(session).not.toContain(OPS);
  });

  it('lets the session in as the token holder, who is named in the audit trail', async () => {
    const { jar } = await signIn(OPS);
    const page = await admin.call('GET', '/', { token: null, headers: { cookie: jar } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<span class="actor" id="signed-in-as">ops</span>');
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.text)![1]!;
    const toggle = await admin.call('POST', '/flag/TARGET/toggle', {
      token: null,
      body: new URLSearchParams({ enabled: 'true', _csrf: csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar, origin: admin.origin },
    });
    expect(toggle.status).toBe(303);
    expect(admin.audits.at(-1)).toMatchObject({ actor: 'ops', action: 'enable', featureName: 'TARGET' });
    const again = await admin.call('GET', '/sign-in', { token: null, headers: { cookie: jar } });
    expect([again.status, again.headers.get('location')]).toEqual([303, '/flags/']);
  });

  it('gives a read token a session that may look and not change', async () => {
    const { jar } = await signIn(VIEWER);
    const page = await admin.call('GET', '/', { token: null, headers: { cookie: jar } });
    expect(page.text).toContain('read only');
    const write = await admin.call('POST', '/api/flags/TARGET/disable', { token: null, headers: { cookie: jar, origin: admin.origin, 'x-csrf-token': 'x' } });
    expect(errorOf(write).code).toBe('FORBIDDEN');
  });

  it('refuses a wrong token, a cross-site post and a post without the page token, and sets no session', async () => {
    const wrong = await signIn('not-the-token-0123456789');
    expect([wrong.answer.status, wrong.session]).toEqual([401, undefined]);
    expect(wrong.answer.text).toContain('not one of this app’s tokens');
    const crossSite = await signIn(OPS, { origin: 'https://evil.example' });
    expect([crossSite.answer.status, crossSite.session]).toEqual([403, undefined]);
    const { csrf } = await visit();
    const noToken = await admin.call('POST', '/sign-in', { token: null, body: `token=${OPS}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf, origin: admin.origin } });
    expect([noToken.status, cookieOf(noToken.headers, SESSION_COOKIE)]).toEqual([403, undefined]);
  });

  it('refuses a cookie whose payload was changed (a read session made a write one)', async () => {
    const { jar, session } = await signIn(VIEWER);
    const [payload, mac] = session!.split(';')[0]!.slice(SESSION_COOKIE.length + 1).split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('"read"', '"write"').replace('viewer', 'ops')).toString('base64url');
    const page = await admin.call('GET', '/', { token: null, headers: { cookie: jar.replace(`${payload}.${mac}`, `${forged}.${mac}`) } });
    expect(page.status).toBe(401);
  });

  it('signs out: the cookie is cleared, and a copy of it taken before is refused', async () => {
    const { jar } = await signIn(OPS);
    const page = await admin.call('GET', '/', { token: null, headers: { cookie: jar } });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.text)![1]!;
    const out = await admin.call('POST', '/sign-out', {
      token: null,
      body: new URLSearchParams({ _csrf: csrf }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar, origin: admin.origin },
    });
    expect(out.status).toBe(303);
    expect(cookieOf(out.headers, SESSION_COOKIE)).toBe(`${SESSION_COOKIE}=; Path=/flags; Max-Age=0; HttpOnly; SameSite=Strict`);
    const replay = await admin.call('GET', '/', { token: null, headers: { cookie: jar } });
    expect(replay.status).toBe(401);
  });

  it('says on the 401 page and in the API error how to sign in', async () => {
    const page = await admin.call('GET', '/', { token: null });
    expect(page.status).toBe(401);
    expect(page.text).toContain('<a class="button" id="sign-in-link" href="/flags/sign-in">Sign in with a token</a>');
    expect(page.text).toContain('not signed in');
    expect(page.text).not.toContain('read only');
    const api = await admin.call('GET', '/api/flags', { token: null });
    expect(errorOf(api).cause).toContain('sign in with a token at /flags/sign-in');
  });
});

describe('session cookies', () => {
  it('expire after maxAgeMs', () => {
    let now = 1_000_000;
    const sessions = new SessionCookies('s'.repeat(32), '/flags', 60_000, () => now);
    const setCookie = sessions.issue(new Request('http://127.0.0.1/flags/sign-in'), { access: 'write', actor: 'ops' });
    const request = new Request('http://127.0.0.1/flags/', { headers: { cookie: setCookie.split(';')[0]! } });
    expect(sessions.read(request)).toMatchObject({ actor: 'ops', access: 'write', expiresAt: 1_060_000 });
    now = 1_060_000;
    expect(sessions.read(request)).toBeUndefined();
  });

  it('are Secure over https, and refused by an app with another secret', () => {
    const one = new SessionCookies('a'.repeat(32), '/flags', 60_000);
    const other = new SessionCookies('b'.repeat(32), '/flags', 60_000);
    const setCookie = one.issue(new Request('https://flags.example.com/flags/sign-in'), { access: 'write', actor: 'ops' });
    expect(setCookie).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    expect(other.read(new Request('https://flags.example.com/flags/', { headers: { cookie: setCookie.split(';')[0]! } }))).toBeUndefined();
  });

  it('need bearerTokens and a secret of at least 32 characters', () => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const authorize = tokens;
    expect(() => createAdminApp(client, { authorize, signIn: { tokens: (() => 'write') as never } })).toThrow(/signIn.tokens must be the result of bearerTokens/);
    expect(() => createAdminApp(client, { authorize, signIn: { tokens, secret: 'short' } })).toThrow(InvalidArgumentError);
  });
});
