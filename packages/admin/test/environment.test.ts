import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, InvalidArgumentError, MemoryFeatureFlagStore } from '@flipper-client/core';
import { resolveEnvironment } from '../src/ui/environment.js';
import { createAdminApp } from '../src/index.js';
import { bearerAuthorize, startAdmin, WRITE_TOKEN } from './support/admin-server.js';

/* The environment label: a checked option, a style sheet of its own, a label on every page. */
describe('the environment option', () => {
  it('takes hex colours and a few names, and picks the text colour that reads on it', () => {
    expect(resolveEnvironment({ name: 'production', color: 'red' })).toEqual({ name: 'production', color: '#b42318', text: '#ffffff' });
    expect(resolveEnvironment({ name: 'staging', color: '#F2C94C' })).toEqual({ name: 'staging', color: '#f2c94c', text: '#1d2330' });
    expect(resolveEnvironment({ name: ' dev ', color: '#0a0' })).toEqual({ name: 'dev', color: '#00aa00', text: '#1d2330' });
    expect(resolveEnvironment({ name: 'qa' })?.color).toBe('#5b6475');
  });

  it.each([
    ['an empty name', { name: '  ', color: 'red' }, /environment.name must be a label of 1 to 32 characters/],
    ['a long name', { name: 'x'.repeat(33), color: 'red' }, /environment.name/],
    ['a control character', { name: 'prod\nuction', color: 'red' }, /environment.name/],
    ['a colour that is CSS of its own', { name: 'production', color: 'red; background: url(x)' }, /environment.color must be #rgb, #rrggbb or one of red/],
    ['an unknown colour name', { name: 'production', color: 'chartreuse' }, /environment.color/],
  ])('refuses %s before anything is served', (_what, environment, message) => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    const build = (): unknown => createAdminApp(client, { authorize: bearerAuthorize, environment });
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(message);
  });

  it('puts the label in the header and the page title, and serves its style sheet', async () => {
    const admin = await startAdmin({ admin: { environment: { name: 'production', color: 'red' } } });
    try {
      const page = await admin.call('GET', '/');
      expect(page.text).toContain('<span class="environment" id="environment" role="note" aria-label="environment production">production</span>');
      expect(page.text).toContain('<title>[production] Flags · Feature flags</title>');
      expect(page.text).toContain('<link rel="stylesheet" href="/flags/assets/environment.css">');
      const css = await admin.call('GET', '/assets/environment.css', { token: WRITE_TOKEN });
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(css.text).toContain('header.top .environment { background: #b42318; color: #ffffff;');
      const refused = await admin.call('GET', '/', { token: null });
      expect(refused.text).toContain('aria-label="environment production"');
    } finally {
      await admin.stop();
    }
  });

  it('leaves pages without it as they were', async () => {
    const admin = await startAdmin();
    try {
      expect((await admin.call('GET', '/')).text).not.toContain('environment');
      expect((await admin.call('GET', '/assets/environment.css')).status).toBe(404);
    } finally {
      await admin.stop();
    }
  });
});
