import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createNodeHandler, jsonResponse, readJson, type FetchHandler } from '../src/index.js';

const servers: Server[] = [];

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Answers what it was asked: the URL, the method, the JSON body and whether a Node request came along. */
const echo: FetchHandler = async (request, context) =>
  jsonResponse(200, {
    url: request.url,
    method: request.method,
    body: request.method === 'POST' ? await readJson(request, 1024) : null,
    node: context.nodeRequest !== undefined,
  });

describe('createNodeHandler', () => {
  it('serves a fetch handler from node:http: full URL, body, status and headers', async () => {
    const base = await listen(createServer(createNodeHandler(echo)));
    const response = await fetch(`${base}/x/y?z=1`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ url: `${base}/x/y?z=1`, method: 'POST', body: { a: 1 }, node: true });
  });

  it('keeps the mount path under Express, passes paths it does not own to next(), and re-encodes a body express.json() read', async () => {
    const app = express();
    app.use(express.json());
    app.use('/mounted', createNodeHandler(echo, (path) => path.startsWith('/mounted/mine')));
    app.use((_req, res) => void res.status(418).send('next'));
    const base = await listen(createServer(app));

    const mine = await fetch(`${base}/mounted/mine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"b":[1]}' });
    expect(await mine.json()).toEqual({ url: `${base}/mounted/mine`, method: 'POST', body: { b: [1] }, node: true });
    const other = await fetch(`${base}/mounted/other`);
    expect([other.status, await other.text()]).toEqual([418, 'next']);
  });

  it('streams a body chunk by chunk and cancels the stream when the client goes away', async () => {
    let cancelled!: () => void;
    const gone = new Promise<void>((resolve) => (cancelled = resolve));
    const handler: FetchHandler = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new TextEncoder().encode('data: first\n\n')),
          cancel: () => cancelled(),
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    const base = await listen(createServer(createNodeHandler(handler)));
    const abort = new AbortController();
    const response = await fetch(base, { signal: abort.signal });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: first\n\n');
    abort.abort();
    await expect(gone).resolves.toBeUndefined();
  });

  it('answers a bare 500 when the handler fails and no next() is there', async () => {
    const base = await listen(createServer(createNodeHandler(async () => Promise.reject(new Error('secret detail')))));
    const response = await fetch(base);
    expect([response.status, await response.text()]).toEqual([500, '']);
  });
});
