import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, servePage } from './support/browser.js';
import { checksOf, createGridFlags, GRID_FLAGS, gridContexts } from './support/grid-flags.js';
import { startOfrep, WEB_KEY, type RunningOfrep } from './support/ofrep-server.js';

/*
 * The published web SDK and OFREP web provider, bundled by esbuild into a page of another
 * origin, in Debian's headless Chromium, against the server over a real Redis: the page's flags
 * equal client.isEnabled for each context it switches to, and a flag that another process
 * switches reaches the page through the event stream within 2 s.
 */
const BASE_KEY = 'ofrep-browser';
const WITHIN_MS = 2000;
let redis: RedisServer;
let connection: Redis;
let store: CachedFeatureFlagStore;
let inner: RedisFeatureFlagStore;
let server: RunningOfrep;
let page: { origin: string; close(): Promise<void> };
let browser: Browser;
let tab: Page;

beforeAll(async () => {
  redis = await startRedis();
  connection = new Redis({ host: redis.host, port: redis.port, maxRetriesPerRequest: 1 });
  inner = new RedisFeatureFlagStore(connection, { baseKey: BASE_KEY });
  await inner.changeFeedReady();
  await createGridFlags(new FeatureFlagClient(inner));
  store = new CachedFeatureFlagStore(inner, { ttlMs: 60_000 });
  await store.preload();
  page = await servePage();
  server = await startOfrep({ client: new FeatureFlagClient(store), ofrep: { allowedOrigins: [page.origin] } });
  browser = await launchChromium();
  tab = await browser.newPage();
  await tab.goto(page.origin);
  await tab.evaluate(
    ([base, key, flags]) => (globalThis as unknown as { flipperPage: { start(...args: unknown[]): Promise<void> } }).flipperPage.start(base, key, {}, flags),
    [server.base, WEB_KEY, [...GRID_FLAGS]] as const,
  );
});

afterAll(async () => {
  await browser?.close();
  await page?.close();
  await server?.stop();
  await store?.close();
  await inner?.close();
  await connection?.quit().catch(() => undefined);
  await redis?.stop();
});

type Values = Record<string, { value: boolean; reason?: string; errorCode?: string }>;
const pageValues = (): Promise<Values> => tab.evaluate(() => (globalThis as unknown as { flipperPage: { values(): Values } }).flipperPage.values());

function flip(name: string, state: 'on' | 'off'): Promise<void> {
  const script = fileURLToPath(new URL('./support/flip-flag.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, redis.host, String(redis.port), BASE_KEY, name, state], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('done') && resolve());
    child.on('exit', (code) => code !== 0 && reject(new Error(`flip-flag exited ${code}`)));
  });
}

describe('in Chromium, the published OFREP web provider', () => {
  it('shows what client.isEnabled answers, for each context the page switches to', async () => {
    for (const context of gridContexts(6)) {
      await tab.evaluate((next) => (globalThis as unknown as { flipperPage: { setContext(c: unknown): Promise<void> } }).flipperPage.setContext(next), context);
      const shown = await pageValues();
      const expected: Values = {};
      for (const flag of GRID_FLAGS) expected[flag] = { ...shown[flag]!, value: await server.client.isEnabled(flag, checksOf(context)) };
      expect([context, shown]).toEqual([context, expected]);
      for (const flag of GRID_FLAGS) expect(shown[flag]!.errorCode).toBeUndefined();
    }
  });

  it(`shows a flag switched by another process within ${WITHIN_MS} ms, through the event stream`, async () => {
    expect(server.app.openStreams).toBe(1);
    expect(await tab.locator('#flags').textContent()).toContain('"web.off":{"value":false');
    await flip('web.off', 'on');
    const flipped = Date.now();
    await tab.locator('#flags', { hasText: '"web.off":{"value":true' }).waitFor({ timeout: WITHIN_MS });
    expect(Date.now() - flipped).toBeLessThan(WITHIN_MS);
    await flip('web.off', 'off');
    await tab.locator('#flags', { hasText: '"web.off":{"value":false' }).waitFor({ timeout: WITHIN_MS });
  });
});
