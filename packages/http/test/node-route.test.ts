import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { createNodeRoute, readNodeJson, readNodeText, requestTarget, RequestBodyError, type MountedRequest } from '../src/index.js';

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

/** Answers what `read` made of the request body, or the refusal's problem and status. */
const bodyEcho = (read: (req: IncomingMessage) => Promise<unknown>) =>
  createNodeRoute(async (req, res) => {
    const answer = await read(req).then(
      (body) => ({ body }),
      (error: unknown) => (error instanceof RequestBodyError ? { problem: error.problem, status: error.status } : { other: String(error) }),
    );
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });

describe('requestTarget', () => {
  it('gives what new URL(...).pathname and .search give, for plain paths and for those that need parsing', () => {
    const urls = ['/ofrep/v1/evaluate/flags/web.banner?x=1', '/a/./b/../c', '/a//b', '/a/%2e%2E/b', '/%7Bx%7D', '/a b', '/café', '/a?b?c', '/', '/a;b=c/@d:e'];
    for (const url of urls) {
      const parsed = new URL(url, 'http://localhost');
      expect([url, requestTarget({ url } as IncomingMessage)]).toEqual([url, { pathname: parsed.pathname, search: parsed.search }]);
    }
    expect(requestTarget({ url: '/inner', originalUrl: '/mount/inner?q' } as MountedRequest)).toEqual({ pathname: '/mount/inner', search: '?q' });
  });
});

describe('createNodeRoute', () => {
  it('hands Express the paths it does not own, and a failure to next(); as a plain listener a failure is a bare 500', async () => {
    const app = express();
    app.use(createNodeRoute(async (_req, res, target) => void res.end(`mine ${target.pathname}${target.search}`), (path) => path.startsWith('/mine')));
    app.use(createNodeRoute(async () => Promise.reject(new Error('secret detail')), (path) => path.startsWith('/broken')));
    app.use((_req, res) => void res.status(418).send('next'));
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(503).send('express error handler'));
    const base = await listen(createServer(app));
    const mine = await fetch(`${base}/mine/x?y=1`);
    expect([mine.status, await mine.text()]).toEqual([200, 'mine /mine/x?y=1']);
    const other = await fetch(`${base}/other`);
    expect([other.status, await other.text()]).toEqual([418, 'next']);
    const broken = await fetch(`${base}/broken`);
    expect([broken.status, await broken.text()]).toEqual([503, 'express error handler']);

    const plain = await listen(createServer(createNodeRoute(async () => Promise.reject(new Error('secret detail')))));
    const failed = await fetch(plain);
    expect([failed.status, await failed.text()]).toEqual([500, '']);
  });

  it('answers 400 to a target no URL can be made of, and goes on serving', async () => {
    const base = await listen(createServer(createNodeRoute(async (_req, res) => void res.end('ok'))));
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    socket.end('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n');
    let raw = '';
    for await (const chunk of socket) raw += String(chunk);
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(await (await fetch(`${base}/fine`)).text()).toBe('ok');
  });
});

describe('readNodeText and readNodeJson', () => {
  it('read the body of a node request by readJson’s rules: JSON as application/json, empty as undefined, 415 and 400 otherwise', async () => {
    const base = await listen(createServer(bodyEcho((req) => readNodeJson(req, 100))));
    const post = async (body: string, type = 'application/json; charset=utf-8'): Promise<unknown> =>
      (await fetch(base, { method: 'POST', headers: { 'content-type': type }, body })).json();
    expect(await post('{"context":{"targetingKey":"ü"}}')).toEqual({ body: { context: { targetingKey: 'ü' } } });
    expect(await post('')).toEqual({});
    expect(await post('{}', 'text/plain')).toEqual({ problem: 'unsupported_media_type', status: 415 });
    expect(await post('{"a":')).toEqual({ problem: 'not_json', status: 400 });
  });

  it('refuse a body over the limit, declared or streamed, and still answer on the same server', async () => {
    const base = await listen(createServer(bodyEcho((req) => readNodeText(req, 10))));
    const declared = await fetch(base, { method: 'POST', body: 'x'.repeat(11) });
    expect(await declared.json()).toEqual({ problem: 'too_large', status: 413 });
    const chunks = ['12345', '67890', 'abc'];
    const streamed = await fetch(base, {
      method: 'POST',
      body: new ReadableStream<Uint8Array>({ pull: (controller) => (chunks.length > 0 ? controller.enqueue(new TextEncoder().encode(chunks.shift())) : controller.close()) }),
      duplex: 'half',
    } as RequestInit);
    expect(await streamed.json()).toEqual({ problem: 'too_large', status: 413 });
    expect(await (await fetch(base, { method: 'POST', body: 'short' })).json()).toEqual({ body: 'short' });
  });

  it('read what express.json() already parsed, encoded again', async () => {
    const app = express();
    app.use(express.json());
    app.use(bodyEcho((req) => readNodeJson(req, 100)));
    const base = await listen(createServer(app));
    const answer = await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"b":[1]}' });
    expect(await answer.json()).toEqual({ body: { b: [1] } });
  });
});
