import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearerTokens } from '../src/index.js';
import { startAdmin, type RunningAdmin } from './support/admin-server.js';
import { closeAll, launchChromium, SCREENSHOTS } from './support/browser.js';

/*
 * The documented way into the UI for a browser, in Chromium: the 401 page's link, the sign-in
 * form with a token, a toggle named after the token's actor in the audit trail, sign-out.
 */
const TOKEN = 'chromium-ops-token-0123456789';
const tokens = bearerTokens({ write: [{ token: TOKEN, actor: 'ops@example.com' }] });
let browser: Browser;
let admin: RunningAdmin;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await startAdmin({ admin: { authorize: tokens, signIn: { tokens } } });
  await admin.client.create('CHECKOUT_V2', { isEnabled: false });
  context = await browser.newContext({ viewport: { width: 1200, height: 700 } });
  page = await context.newPage();
});

afterAll(() => closeAll(context, browser, admin));

describe('signing in from a browser', () => {
  it('is refused at first, with a page that says how to sign in', async () => {
    const answer = await page.goto(`${admin.base}/`);
    expect(answer?.status()).toBe(401);
    expect(await page.locator('h1').textContent()).toBe('Sign in to manage flags');
    expect(await page.locator('header .access').textContent()).toBe('not signed in');
    await page.screenshot({ path: `${SCREENSHOTS}refused.png` });
  });

  it('signs in with the token through the form, then toggles a flag as the named actor', async () => {
    await page.getByRole('link', { name: 'Sign in with a token' }).click();
    await page.waitForURL(`${admin.base}/sign-in`);
    await page.getByLabel('Token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/done=signed-in/);
    expect(await page.locator('#signed-in-as').textContent()).toBe('ops@example.com');
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'flipper_admin_session')).toMatchObject({ path: '/flags', httpOnly: true, sameSite: 'Strict' });
    expect(cookies.map((cookie) => cookie.value).join(' ')).not.toContain(TOKEN);

    await page.getByRole('button', { name: 'Enable CHECKOUT_V2' }).click();
    await page.waitForURL(/done=enabled/);
    expect(await admin.client.isEnabled('CHECKOUT_V2')).toBe(true);
    expect(admin.audits.at(-1)).toMatchObject({ actor: 'ops@example.com', action: 'enable', featureName: 'CHECKOUT_V2' });
    await page.screenshot({ path: `${SCREENSHOTS}signed-in.png` });
  });

  it('signs out, and is refused afterwards, even with the old cookie put back', async () => {
    const before = (await context.cookies()).find((cookie) => cookie.name === 'flipper_admin_session')!;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${admin.base}/sign-in`);
    expect((await context.cookies()).some((cookie) => cookie.name === 'flipper_admin_session')).toBe(false);
    expect((await page.goto(`${admin.base}/`))?.status()).toBe(401);

    await context.addCookies([before]);
    expect((await page.goto(`${admin.base}/flag/CHECKOUT_V2`))?.status()).toBe(401);
    expect(await admin.client.isEnabled('CHECKOUT_V2')).toBe(true);
  });
});
