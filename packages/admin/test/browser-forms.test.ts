import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { encodeDocument } from '@flipper-client/core/store';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enc, startAdmin, type RunningAdmin } from './support/admin-server.js';
import { launchChromium, SCREENSHOTS, sessionAuthorize, signedIn } from './support/browser.js';

/* The pages in a real headless Chromium: forms, escaping, refused writes. */
const HOSTILE = '<script>alert(1)</script>';
const writers = new Set(['alice']);
let browser: Browser;
let admin: RunningAdmin;
let context: BrowserContext;
let page: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  admin = await startAdmin({ admin: { authorize: sessionAuthorize(writers) } });
  const { client } = admin;
  await client.create('CHECKOUT_V2', { isEnabled: false, clientData: { owner: 'payments' } });
  await client.create('DARK_MODE', { isEnabled: true });
  await client.create('SEARCH_RANKING', { isEnabled: true });
  await client.create(HOSTILE);
  context = await signedIn(browser, admin.origin, 'alice');
  page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await admin?.stop();
});

describe('in Chromium', () => {
  it('toggles a flag from the list, and the store changes', async () => {
    await page.goto(`${admin.base}/`);
    expect(await page.locator('p.count-line').textContent()).toContain('4 flags');
    await page.getByRole('button', { name: 'Enable CHECKOUT_V2' }).click();
    await page.waitForURL(/done=enabled/);
    expect(await admin.client.isEnabled('CHECKOUT_V2')).toBe(true);
    expect(await page.locator('p.notice').textContent()).toBe('Flag enabled.');
    expect(await page.getByRole('button', { name: 'Disable CHECKOUT_V2' }).count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}list.png`, fullPage: true });
  });

  it('searches the list by name', async () => {
    await page.goto(`${admin.base}/`);
    await page.getByLabel('Search flags by name').fill('dark');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=dark/);
    expect(await page.locator('td.name').allTextContents()).toEqual(['DARK_MODE']);
  });

  it('adds a condition and a percentage through the forms, and tries the evaluation', async () => {
    await page.goto(`${admin.base}/flag/CHECKOUT_V2`);
    const fresh = page.locator('fieldset.condition').last();
    await fresh.getByLabel('variable').first().fill('country');
    await fresh.getByLabel('operator').first().selectOption('in');
    await fresh.getByLabel('value').first().fill('["NL", "BE"]');
    await fresh.getByRole('button', { name: '+ check' }).click();
    await fresh.getByLabel('variable').nth(2).fill('age');
    await fresh.getByLabel('operator').nth(2).selectOption('gte');
    await fresh.getByLabel('value').nth(2).fill('18');
    await page.getByRole('button', { name: 'Save conditions' }).click();
    await page.waitForURL(/done=conditions/);
    expect((await admin.client.getMeta('CHECKOUT_V2')).conditions).toEqual([
      {
        country: [{ variable: 'country', operator: 'in', value: ['NL', 'BE'] }],
        age: [{ variable: 'age', operator: 'gte', value: 18 }],
      },
    ]);

    await page.getByLabel('random percentage').check();
    await page.getByRole('spinbutton', { name: 'Percentage' }).fill('25');
    await page.getByRole('button', { name: 'Save bucketer' }).click();
    await page.waitForURL(/done=bucketer/);
    expect((await admin.client.getMeta('CHECKOUT_V2')).bucketer).toEqual({ type: 'PercentageBucketer', percentage: { type: 'Percentage', value: 0.25 } });
    expect(await page.locator('#bucketer-summary').textContent()).toBe('random 25%');

    await page.getByLabel('Checks').fill('country=DE, age=30');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    expect(await page.locator('#try-result').textContent()).toBe('off: country="DE" fails country in ["NL","BE"] (condition 1)');
    await page.screenshot({ path: `${SCREENSHOTS}flag.png`, fullPage: true });
  });

  it('shows a form error and stores nothing for an invalid value', async () => {
    const before = encodeDocument((await admin.client.store.get('CHECKOUT_V2'))!);
    await page.goto(`${admin.base}/flag/CHECKOUT_V2`);
    await page.getByLabel('client data as JSON').fill('{"owner": ');
    await page.getByRole('button', { name: 'Merge client data' }).click();
    expect(await page.locator('p.error').textContent()).toContain('client data is not JSON');
    expect(encodeDocument((await admin.client.store.get('CHECKOUT_V2'))!)).toBe(before);
  });

  it('renders a hostile flag name as text, and runs no script of it', async () => {
    await page.goto(`${admin.base}/?q=script`);
    expect(await page.locator('td.name a').textContent()).toBe(HOSTILE);
    await page.locator('td.name a').click();
    await page.waitForURL(`${admin.base}/flag/${enc(HOSTILE)}`);
    expect(await page.locator('#flag-name').textContent()).toBe(HOSTILE);
    expect(await page.title()).toContain(HOSTILE);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}hostile-name.png` });
  });

  it('refuses a write once the session is no longer authorized, and changes nothing', async () => {
    await page.goto(`${admin.base}/flag/DARK_MODE`);
    writers.delete('alice');
    try {
      await page.getByRole('button', { name: 'Disable' }).click();
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('Sign in to manage flags');
      expect(await admin.client.isEnabled('DARK_MODE')).toBe(true);
    } finally {
      writers.add('alice');
    }
  });

  it('refuses a form another site posts to the app with the signed-in browser', async () => {
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<form id="f" method="post" action="${admin.base}/flag/DARK_MODE/toggle"><input name="enabled" value="false"></form>` + '<button id="go" onclick="document.getElementById(\'f\').submit()">win a prize</button>');
    }).listen(0, '127.0.0.1');
    await once(evil, 'listening');
    try {
      const attack = await context.newPage();
      await attack.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      await attack.click('#go');
      await attack.waitForURL(`${admin.base}/flag/DARK_MODE/toggle`);
      expect(await attack.locator('body').textContent()).toContain('CROSS_SITE_REQUEST');
      expect(await admin.client.isEnabled('DARK_MODE')).toBe(true);
      await attack.close();
    } finally {
      evil.closeAllConnections();
      evil.close();
    }
  });
});
