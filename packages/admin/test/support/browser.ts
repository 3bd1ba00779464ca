import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureCommands } from '@flipper-client/system-packages';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Screenshots of the browser tests land here (not committed; docs/ holds the chosen one). */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/', import.meta.url));

/** Debian's Chromium, installed when missing, headless with nothing that calls home. */
export async function launchChromium(): Promise<Browser> {
  ensureCommands({ purpose: "the admin UI's browser tests", commands: ['chromium'], debianPackages: ['chromium'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const SESSION_COOKIE = 'host_session';

/** A browser session of the host app: a session cookie that the test's authorize accepts. */
export async function signedIn(browser: Browser, origin: string, session: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addCookies([{ name: SESSION_COOKIE, value: session, url: origin, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

/** An authorize reading the session cookie: sessions in `writers` may write, others in `readers` read. */
export function sessionAuthorize(writers: Set<string>, readers: Set<string> = new Set()) {
  return (request: Request): { access: 'read' | 'write' | false; actor?: string } => {
    const cookie = request.headers.get('cookie') ?? '';
    const session = /(?:^|;\s*)host_session=([^;]+)/.exec(cookie)?.[1];
    if (session !== undefined && writers.has(session)) return { access: 'write', actor: `session ${session}` };
    if (session !== undefined && readers.has(session)) return { access: 'read', actor: `session ${session}` };
    return { access: false };
  };
}

/** Closes what a browser test opened, in order, skipping what never started. */
export async function closeAll(...things: ({ close(): Promise<unknown> } | { stop(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const thing of things) {
    if (thing === undefined) continue;
    await ('close' in thing ? thing.close() : thing.stop());
  }
}
