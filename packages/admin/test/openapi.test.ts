import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import { createAdminApp } from '../src/index.js';
import { startAdmin } from './support/admin-server.js';

const CHECKED_IN = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
};

describe('the OpenAPI document', () => {
  it('is checked in as the app serves it (regenerate with pnpm --filter @flipper-client/admin openapi)', () => {
    const app = createAdminApp(new FeatureFlagClient(new MemoryFeatureFlagStore()), { readOnly: true });
    expect(app.openapi()).toEqual(CHECKED_IN);
    expect(CHECKED_IN.openapi).toBe('3.1.0');
  });

  it('is served at api/openapi.json with the mount path as its server, and describes every endpoint the app answers', async () => {
    const admin = await startAdmin({ basePath: '/admin/flags' });
    try {
      const served = (await admin.call('GET', '/api/openapi.json')).body as { servers: { url: string }[]; paths: typeof CHECKED_IN.paths };
      expect(served.servers).toEqual([{ url: '/admin/flags' }]);
      // Every documented operation answers something other than 404/405 on a real server.
      await admin.client.create('F');
      for (const [path, operations] of Object.entries(served.paths)) {
        for (const method of Object.keys(operations).filter((key) => key !== 'parameters')) {
          if (path === '/events') continue;
          const answer = await admin.call(method.toUpperCase(), path.replace('{name}', 'F'), method === 'get' || method === 'delete' ? {} : { json: {} });
          const code = (answer.body as { error?: { code: string } } | undefined)?.error?.code;
          expect([method, path, code]).not.toEqual([method, path, 'NOT_FOUND']);
          expect([method, path, code]).not.toEqual([method, path, 'METHOD_NOT_ALLOWED']);
        }
      }
    } finally {
      await admin.stop();
    }
  });
});
