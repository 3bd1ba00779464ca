import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, InvalidArgumentError, MemoryFeatureFlagStore } from '@flipper-client/core';
import { createAdminApp, CSRF_COOKIE } from '../src/index.js';
import { enc, errorOf, startAdmin, WRITE_TOKEN, type RunningAdmin } from './support/admin-server.js';

const HOSTILE = '<script>alert(1)</script>';

describe('starting', () => {
  it('refuses to start without authorize, unless read-only', () => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    expect(() => createAdminApp(client, {})).toThrow(InvalidArgumentError);
    expect(() => createAdminApp(client, {})).toThrow(/authorize/);
    expect(createAdminApp(client, { readOnly: true }).basePath).toBe('');
    expect(() => createAdminApp(client, { readOnly: true, basePath: 'flags' })).toThrow(/basePath/);
  });

  it('a read-only app lets anyone look and nobody change', async () => {
    const admin = await startAdmin({ admin: { readOnly: true, authorize: undefined } });
    try {
      await admin.client.create('F');
      expect((await admin.call('GET', '/api/flags/F', { token: null })).status).toBe(200);
      const refused = await admin.call('POST', '/api/flags/F/enable');
      expect(refused.status).toBe(403);
      expect(errorOf(refused).code).toBe('READ_ONLY');
      expect(await admin.client.isEnabled('F')).toBe(false);
      expect((await admin.call('GET', '/', { token: null })).text).not.toContain('<form method="post"');
    } finally {
      await admin.stop();
    }
  });
});

describe('browser writes', () => {
  let admin: RunningAdmin;
  let cookie: string;
  let token: string;

  beforeAll(async () => {
    admin = await startAdmin();
    await admin.client.create('TARGET');
    const page = await admin.call('GET', '/flag/TARGET');
    cookie = page.headers.getSetCookie().find((line) => line.startsWith(`${CSRF_COOKIE}=`))!.split(';')[0]!;
    token = /name="csrf-token" content="([^"]+)"/.exec(page.text)![1]!;
  });
  afterAll(async () => admin.stop());

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    admin.call('POST', path, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });

  it('sets an HttpOnly, SameSite=Strict CSRF cookie scoped to the base path', async () => {
    const fresh = await admin.call('GET', '/');
    expect(fresh.headers.getSetCookie()[0]).toMatch(new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{24}; Path=/flags; HttpOnly; SameSite=Strict$`));
  });

  it('accepts a same-origin form post with the page token', async () => {
    const answer = await post('/flag/TARGET/toggle', { enabled: 'true', _csrf: token }, { cookie, origin: admin.origin });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/flags/flag/TARGET?done=enabled');
    expect(await admin.client.isEnabled('TARGET')).toBe(true);
  });

  it('refuses a post from another origin, even with a valid token', async () => {
    const answer = await post('/flag/TARGET/toggle', { enabled: 'false', _csrf: token }, { cookie, origin: 'https://evil.example' });
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('CROSS_SITE_REQUEST');
    expect(await admin.client.isEnabled('TARGET')).toBe(true);
  });

  it('refuses a post without the token, or with the token of another cookie', async () => {
    const missing = await post('/flag/TARGET/toggle', { enabled: 'false' }, { cookie, origin: admin.origin });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('CSRF_TOKEN_INVALID');
    const planted = await post('/flag/TARGET/toggle', { enabled: 'false', _csrf: token }, { cookie: `${CSRF_COOKIE}=AAAAAAAAAAAAAAAAAAAAAAAA`, origin: admin.origin });
    expect(planted.status).toBe(403);
    expect(await admin.client.isEnabled('TARGET')).toBe(true);
  });

  it('holds JSON calls from a browser to the same rule (x-csrf-token header)', async () => {
    const without = await admin.call('POST', '/api/flags/TARGET/disable', { headers: { cookie, origin: admin.origin } });
    expect(errorOf(without).code).toBe('CSRF_TOKEN_INVALID');
    const withToken = await admin.call('POST', '/api/flags/TARGET/disable', { headers: { cookie, origin: admin.origin, 'x-csrf-token': token } });
    expect(withToken.status).toBe(200);
    expect(await admin.client.isEnabled('TARGET')).toBe(false);
  });

  it('allows an origin the host names (a proxy in front)', async () => {
    const proxied = await startAdmin({ admin: { allowedOrigins: ['https://flags.example.com'] } });
    try {
      await proxied.client.create('P');
      const page = await proxied.call('GET', '/');
      const jar = page.headers.getSetCookie()[0]!.split(';')[0]!;
      const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.text)![1]!;
      const headers = { cookie: jar, origin: 'https://flags.example.com', 'x-csrf-token': csrf };
      expect((await proxied.call('POST', '/api/flags/P/enable', { headers })).status).toBe(200);
    } finally {
      await proxied.stop();
    }
  });
});

describe('pages', () => {
  let admin: RunningAdmin;
  beforeAll(async () => {
    admin = await startAdmin();
    const flag = await admin.client.create(HOSTILE, { clientData: { note: '</textarea><img src=x onerror=alert(2)>' } });
    await flag.setConditions([]);
  });
  afterAll(async () => admin.stop());

  it('send a Content-Security-Policy without inline script, and nosniff / frame headers', async () => {
    const page = await admin.call('GET', '/');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)/);
  });

  it('escape a hostile flag name and client data everywhere they appear', async () => {
    const list = await admin.call('GET', '/');
    const flag = await admin.call('GET', `/flag/${enc(HOSTILE)}`);
    for (const page of [list.text, flag.text]) {
      expect(page).not.toContain(HOSTILE);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(flag.text).not.toContain('<img src=x');
    expect(flag.text).toContain('&lt;/textarea&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect((await admin.call('GET', '/')).text.match(/<script/g)).toHaveLength(1);
  });

  it('say the visitor is not signed in (401) rather than showing flags', async () => {
    const page = await admin.call('GET', '/', { token: null });
    expect(page.status).toBe(401);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('Sign in to manage flags');
    expect(page.text).not.toContain('alert(1)');
  });

  it('serve their script and style sheet from the app itself', async () => {
    const script = await admin.call('GET', '/assets/admin.js', { token: null });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.text).toContain('EventSource');
    expect((await admin.call('GET', '/assets/../package.json', { token: WRITE_TOKEN })).status).toBe(404);
  });
});
