import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAdmin, type RunningAdmin } from './support/admin-server.js';
import { launchChromium, SCREENSHOTS, sessionAuthorize, signedIn } from './support/browser.js';
import { RedisPeer } from './support/redis-peer.js';

/*
 * Open pages follow changes that another process makes in Redis: the admin app hears them on
 * the store's change feed and tells the page over server-sent events.
 */
const BASE_KEY = 'admin-live';
const WITHIN_MS = 1000;
let server: RedisServer;
let connection: Redis;
let admin: RunningAdmin;
let peer: RedisPeer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startRedis();
  connection = new Redis({ host: server.host, port: server.port, maxRetriesPerRequest: 1 });
  const store = new RedisFeatureFlagStore(connection, { baseKey: BASE_KEY });
  await store.changeFeedReady();
  admin = await startAdmin({ store, admin: { authorize: sessionAuthorize(new Set(['bob'])) } });
  await admin.client.create('LIVE_FLAG', { isEnabled: false });
  await admin.client.create('OTHER_FLAG', { isEnabled: true });
  peer = await RedisPeer.start(server.host, server.port, BASE_KEY);
  browser = await launchChromium();
  context = await signedIn(browser, admin.origin, 'bob');
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await peer?.stop();
  await admin?.stop();
  await admin?.client.store.close?.();
  await connection?.quit().catch(() => undefined);
  await server?.stop();
});

async function openWithLiveFeed(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${admin.base}${path}`);
  await page.locator('#live-status[data-state="up"]').waitFor({ timeout: 5000 });
  return page;
}

describe('live pages', () => {
  it(`show a flag enabled by another process within ${WITHIN_MS} ms`, async () => {
    const page = await openWithLiveFeed('/flag/LIVE_FLAG');
    expect(await page.locator('#state-text').textContent()).toBe('off');
    const started = Date.now();
    await peer.write('enable', 'LIVE_FLAG');
    await page.locator('#state-text', { hasText: 'on' }).waitFor({ timeout: WITHIN_MS });
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);
    expect(await page.getByRole('button', { name: 'Disable' }).count()).toBe(1);
    await page.close();
  });

  it('update the list when another process disables a flag', async () => {
    const page = await openWithLiveFeed('/');
    await page.getByRole('button', { name: 'Disable OTHER_FLAG' }).waitFor();
    await peer.write('disable', 'OTHER_FLAG');
    await page.getByRole('button', { name: 'Enable OTHER_FLAG' }).waitFor({ timeout: WITHIN_MS });
    await page.screenshot({ path: `${SCREENSHOTS}live-list.png` });
    await page.close();
  });

  it('keep an editor the user is typing in, and say that the flag changed', async () => {
    const page = await openWithLiveFeed('/flag/LIVE_FLAG');
    await page.getByLabel('client data as JSON').fill('{"draft": true}');
    await peer.write('disable', 'LIVE_FLAG');
    await page.locator('#state-text', { hasText: 'off' }).waitFor({ timeout: WITHIN_MS });
    expect(await page.locator('#stale-banner').isVisible()).toBe(true);
    expect(await page.getByLabel('client data as JSON').inputValue()).toBe('{"draft": true}');
    await page.close();
  });
});
