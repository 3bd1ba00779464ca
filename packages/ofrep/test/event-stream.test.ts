import { afterEach, describe, expect, it } from '@jest/globals';
import { startOfrep, WEB_KEY, type RunningOfrep } from './support/ofrep-server.js';

const running: RunningOfrep[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

/** Opens the event stream a bulk answer names, and collects its events. */
async function listen(server: RunningOfrep, key?: string): Promise<{ events: string[]; response: Response; ended: Promise<'ended' | 'broken'>; until: (count: number, ms?: number) => Promise<void> }> {
  const answer = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: { context: {} }, ...(key === undefined ? {} : { key }) });
  const { requestUri } = (answer.body as { eventStreams: [{ endpoint: { requestUri: string } }] }).eventStreams[0].endpoint;
  const response = await fetch(new URL(requestUri, server.base));
  const events: string[] = [];
  const waiters = new Set<() => void>();
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body!) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (frame.includes('data: ')) events.push(frame);
        waiters.forEach((wake) => wake());
      }
    }
    return 'ended' as const;
  })().catch(() => 'broken' as const);
  const until = (count: number, ms = 2000): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (events.length >= count) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => (waiters.delete(check), reject(new Error(`only ${events.length} of ${count} events`))), ms);
      waiters.add(check);
      check();
    });
  return { events, response, ended, until };
}

describe('the change-event stream', () => {
  it('tells a listener to refetch when a flag it can read changes, as ADR-0008 frames it', async () => {
    const server = await startOfrep({ ofrep: { serverOnly: ['web.server.'] } });
    running.push(server);
    await server.client.create('web.banner');
    const web = await listen(server, WEB_KEY);
    expect([web.response.status, web.response.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);

    await server.client.enable('web.banner');
    await web.until(1);
    const [frame] = web.events;
    expect(frame).toMatch(/^id: \d+\nevent: message\ndata: \{"type":"refetchEvaluation","lastModified":\d+\}$/);
    const data = JSON.parse(frame!.split('data: ')[1]!) as { lastModified: number };
    expect(Math.abs(data.lastModified - Date.now() / 1000)).toBeLessThan(5);

    // Flags outside the key's prefixes, and server-only ones, never wake it.
    await server.client.create('intern.flag', { isEnabled: true });
    await server.client.create('web.server.batch', { isEnabled: true });
    await server.client.disable('web.banner');
    await web.until(2);
    expect(web.events).toHaveLength(2);
    expect(server.app.openStreams).toBe(1);
  });

  it('refuses a stream without a valid token, and ends every stream on close()', async () => {
    const server = await startOfrep();
    running.push(server);
    const forged = await fetch(`${server.base}/ofrep/v1/events?token=eyJ9.abc`);
    expect(forged.status).toBe(401);
    expect((await fetch(`${server.base}/ofrep/v1/events`)).status).toBe(401);

    const listener = await listen(server);
    expect(server.app.openStreams).toBe(1);
    server.app.close();
    expect(await listener.ended).toBe('ended');
    expect(server.app.openStreams).toBe(0);
  });
});
