import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { serve } from '@hono/node-server';
import express from 'express';
import { Hono } from 'hono';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import { createAdminApp, type AdminApp } from '../src/index.js';
import { bearerAuthorize, WRITE_TOKEN } from './support/admin-server.js';

/* The README's three mountings, as written there, each reading and writing through its host. */
let servers: Server[] = [];
let apps: AdminApp[] = [];

afterEach(async () => {
  for (const app of apps) await app.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
  apps = [];
});

async function listening(server: Server): Promise<string> {
  if (!server.listening) await once(server, 'listening');
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function newAdmin(basePath: string): { features: FeatureFlagClient; admin: AdminApp } {
  const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
  const admin = createAdminApp(features, { basePath, authorize: bearerAuthorize });
  apps.push(admin);
  return { features, admin };
}

const auth = { authorization: `Bearer ${WRITE_TOKEN}` };

async function exercise(origin: string, basePath: string, features: FeatureFlagClient): Promise<void> {
  const created = await fetch(`${origin}${basePath}/api/flags`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'MOUNTED', enabled: true }),
  });
  expect(created.status).toBe(201);
  expect(await features.isEnabled('MOUNTED')).toBe(true);
  const page = await fetch(`${origin}${basePath}/`, { headers: auth });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`href="${basePath}/flag/MOUNTED"`);
  const script = await fetch(`${origin}${basePath}/assets/admin.js`);
  expect(script.status).toBe(200);
}

describe('mounted under a path', () => {
  it('in plain node:http, passing other paths to the host', async () => {
    const { features, admin } = newAdmin('/flags');
    const server = createServer((req, res) => {
      if (admin.owns(new URL(req.url ?? '/', 'http://x').pathname)) return admin.middleware(req, res);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('the host app');
    }).listen(0, '127.0.0.1');
    const origin = await listening(server);
    await exercise(origin, '/flags', features);
    expect(await (await fetch(`${origin}/elsewhere`)).text()).toBe('the host app');
  });

  it('in Express, after the host’s own body parsers', async () => {
    const { features, admin } = newAdmin('/admin/flags');
    const app = express();
    app.use(express.json());
    app.use(express.urlencoded({ extended: false }));
    app.use('/admin/flags', admin.middleware);
    app.get('/', (_req, res) => void res.send('the host app'));
    const origin = await listening(app.listen(0, '127.0.0.1'));
    await exercise(origin, '/admin/flags', features);
    const merged = await fetch(`${origin}/admin/flags/api/flags/MOUNTED/client-data`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ owner: 'express' }),
    });
    expect(merged.status).toBe(200);
    expect(await features.getClientData('MOUNTED')).toEqual({ owner: 'express' });
    expect(await (await fetch(`${origin}/`)).text()).toBe('the host app');
  });

  it('in Hono, as a fetch handler', async () => {
    const { features, admin } = newAdmin('/flags');
    const app = new Hono();
    app.all('/flags', (c) => admin.fetch(c.req.raw));
    app.all('/flags/*', (c) => admin.fetch(c.req.raw));
    app.get('/', (c) => c.text('the host app'));
    const origin = await listening(serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server);
    await exercise(origin, '/flags', features);
    expect((await fetch(`${origin}/flags`, { headers: auth, redirect: 'manual' })).headers.get('location')).toBe('/flags/');
  });
});
