import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAdmin, type RunningAdmin } from './support/admin-server.js';
import { closeAll, launchChromium, SCREENSHOTS, sessionAuthorize, signedIn } from './support/browser.js';

/* The environment label as a browser shows it: the name, in its colour, in the header. */
let browser: Browser;
let admin: RunningAdmin;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  admin = await startAdmin({ admin: { authorize: sessionAuthorize(new Set(['carol'])), environment: { name: 'production', color: 'red' } } });
  await admin.client.create('CHECKOUT_V2', { isEnabled: true });
  context = await signedIn(browser, admin.origin, 'carol');
  page = await context.newPage();
});

afterAll(() => closeAll(context, browser, admin));

describe('the environment label, in Chromium', () => {
  it('shows the name in its colour in the header, and in the tab title', async () => {
    await page.goto(`${admin.base}/`);
    const label = page.locator('header.top #environment');
    expect(await label.textContent()).toBe('production');
    const style = await label.evaluate((element) => {
      const computed = element.ownerDocument.defaultView!.getComputedStyle(element);
      return { background: computed.backgroundColor, color: computed.color, transform: computed.textTransform };
    });
    expect(style).toEqual({ background: 'rgb(180, 35, 24)', color: 'rgb(255, 255, 255)', transform: 'uppercase' });
    expect(await page.locator('header.top').evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).borderBottomColor)).toBe('rgb(180, 35, 24)');
    expect(await page.title()).toBe('[production] Flags · Feature flags');
    await page.locator('header.top').screenshot({ path: `${SCREENSHOTS}environment-header.png` });
    await page.screenshot({ path: `${SCREENSHOTS}environment.png` });
  });
});
