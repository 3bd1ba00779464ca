import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import session from 'express-session';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import { createAdminApp, type AdminApp, type AdminOptions, type AuditEvent } from '../src/index.js';
import { authorizeExamples, readme, toJavaScript } from './support/readme-snippets.js';

/*
 * The README's recipe for the host app's own session: its authorize, copied from the README,
 * under express-session, with a login route of the host's that sets req.session.user.
 */
declare module 'express-session' {
  interface SessionData {
    user?: { email: string; role: 'admin' | 'viewer' };
  }
}

const recipe = authorizeExamples(readme('README.md')).find((example) => example.includes('nodeRequest'))!;
const exports: { default?: AdminOptions['authorize'] } = {};
runInNewContext(toJavaScript(recipe), { exports });

let server: Server;
let admin: AdminApp;
let origin: string;
const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
const audits: AuditEvent[] = [];

beforeAll(async () => {
  const app = express();
  app.use(session({ secret: 'a session secret for the test only', resave: false, saveUninitialized: false, cookie: { httpOnly: true, sameSite: 'strict' } }));
  app.post('/login/:role', (req, res) => {
    const role = req.params.role === 'admin' ? 'admin' : 'viewer';
    req.session.user = { email: `${role}@example.com`, role };
    res.status(204).end();
  });
  admin = createAdminApp(client, { basePath: '/admin/flags', authorize: exports.default! });
  admin.events.on('audit', (event) => audits.push(event));
  app.use('/admin/flags', admin.middleware);
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await client.create('CHECKOUT_V2');
});

afterAll(async () => {
  await admin.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Signs in through the host's login route; the cookies of the session and of the admin page, and its CSRF token. */
async function signedIn(role: string): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(`${origin}/login/${role}`, { method: 'POST' });
  const sessionCookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const page = await fetch(`${origin}/admin/flags/`, { headers: { cookie: sessionCookie } });
  const csrfCookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
  return { cookie: `${sessionCookie}; ${csrfCookie}`, csrf: /name="csrf-token" content="([^"]+)"/.exec(await page.text())![1]! };
}

describe("the README's express-session recipe", () => {
  it('is the arrow function the README shows', () => {
    expect(recipe).toContain('session.user');
    expect(typeof exports.default).toBe('function');
  });

  it('refuses a visitor who has not signed in to the host app', async () => {
    expect((await fetch(`${origin}/admin/flags/api/flags`)).status).toBe(401);
  });

  it('lets a viewer read and not write', async () => {
    const { cookie, csrf } = await signedIn('viewer');
    expect((await fetch(`${origin}/admin/flags/api/flags`, { headers: { cookie } })).status).toBe(200);
    const write = await fetch(`${origin}/admin/flags/api/flags/CHECKOUT_V2/enable`, { method: 'POST', headers: { cookie, origin, 'x-csrf-token': csrf } });
    expect(write.status).toBe(403);
  });

  it("records an admin's change under their e-mail", async () => {
    const { cookie, csrf } = await signedIn('admin');
    const write = await fetch(`${origin}/admin/flags/api/flags/CHECKOUT_V2/enable`, { method: 'POST', headers: { cookie, origin, 'x-csrf-token': csrf } });
    expect(write.status).toBe(200);
    expect(audits.at(-1)).toMatchObject({ actor: 'admin@example.com', action: 'enable', featureName: 'CHECKOUT_V2' });
  });
});
