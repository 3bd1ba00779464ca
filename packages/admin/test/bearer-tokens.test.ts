import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, InvalidArgumentError, MemoryFeatureFlagStore } from '@flipper-client/core';
import { AdminTokenError, bearerTokens, createAdminApp, type Authorization } from '../src/index.js';
import { authorizeExamples, readme, toJavaScript } from './support/readme-snippets.js';

const GOOD = 'k3p9V1x0QmZr8tYw2LsN4dHa';
const OTHER = 'Zb7Qw1Ue5Ty9Io3Pa6Sd8Fg2';
const request = (authorization?: string): Request =>
  new Request('http://127.0.0.1/flags/api/flags', authorization === undefined ? {} : { headers: { authorization } });

describe('bearerTokens', () => {
  it.each([
    ['unset', undefined, /write\[0\] is not set/],
    ['empty', '', /write\[0\] is empty/],
    ['short', 'changeme', /write\[0\] is 8 characters long; use at least 16/],
    ['padded', ` ${GOOD}`, /write\[0\] holds whitespace/],
  ])('refuses to construct with a token that is %s, with a typed error', (_what, token, message) => {
    const build = (): unknown => bearerTokens({ write: [token] });
    expect(build).toThrow(AdminTokenError);
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(message);
  });

  it('refuses no tokens at all, a named token without its actor, and a token given twice', () => {
    expect(() => bearerTokens({})).toThrow(/no token could ever be accepted/);
    expect(() => bearerTokens({ write: [{ token: GOOD, actor: ' ' }] })).toThrow(/write\[0\] needs an actor/);
    expect(() => bearerTokens({ write: [GOOD], read: [GOOD] })).toThrow(/read\[0\] is the same token as write\[0\]/);
  });

  it('names the actor of each token, and answers its access', () => {
    const authorize = bearerTokens({ write: [{ token: GOOD, actor: 'ops' }], read: [OTHER] });
    expect(authorize(request(`Bearer ${GOOD}`))).toEqual({ access: 'write', actor: 'ops' });
    expect(authorize(request(`bearer ${OTHER}`))).toEqual({ access: 'read', actor: 'read token 1' });
    expect(authorize.holderOf(OTHER)).toEqual({ access: 'read', actor: 'read token 1' });
  });

  it('refuses every other header: none, another token, a prefix, the token twice, another scheme', () => {
    const authorize = bearerTokens({ write: [GOOD] });
    for (const header of [undefined, 'Bearer undefined', 'Bearer ', `Bearer ${GOOD.slice(0, -1)}`, `Bearer ${GOOD}${GOOD}`, `Basic ${GOOD}`, GOOD, `Bearer ${GOOD} x`]) {
      expect({ header, answer: authorize(request(header)) }).toEqual({ header, answer: false });
    }
    expect(authorize.holderOf('')).toBeUndefined();
    expect(authorize.holderOf(undefined)).toBeUndefined();
  });
});

/*
 * Each `authorize` a README shows, copied from the README as written and run with the token
 * variables unset, then empty: it must stop the app at start, or refuse every request.
 */
describe.each(['README.md', '../../README.md'])('the authorize examples of %s', (file) => {
  const examples = authorizeExamples(readme(file));
  const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
  const build = (example: string, env: Record<string, string | undefined>): ((request: Request, context: object) => Authorization) => {
    const exports: { default?: never } = {};
    runInNewContext(toJavaScript(example), { exports, bearerTokens, process: { env } });
    return exports.default!;
  };

  it('are there, and use bearerTokens or a session', () => {
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(example).toMatch(/^bearerTokens\(|session/);
  });

  it.each([
    ['unset', {}],
    ['empty', { ADMIN_TOKEN: '', DASHBOARD_TOKEN: '' }],
  ])('refuse to start or refuse every request with the tokens %s', async (_what, env) => {
    for (const example of examples) {
      let authorize: ((request: Request, context: object) => Authorization) | undefined;
      try {
        authorize = build(example, env);
      } catch (error) {
        expect(error).toBeInstanceOf(AdminTokenError);
        continue;
      }
      const app = createAdminApp(client, { basePath: '/flags', authorize });
      for (const header of [undefined, 'Bearer undefined', 'Bearer ', 'Bearer null']) {
        const answer = await app.fetch(new Request('http://127.0.0.1/flags/api/flags/X/disable', { method: 'POST', headers: header === undefined ? {} : { authorization: header } }));
        expect({ example, header, status: answer.status }).toEqual({ example, header, status: 401 });
      }
      await app.close();
    }
  });

  it('let the token in once it is set', async () => {
    const env = { ADMIN_TOKEN: GOOD, DASHBOARD_TOKEN: OTHER };
    for (const example of examples.filter((text) => text.startsWith('bearerTokens('))) {
      expect(await build(example, env)(request(`Bearer ${GOOD}`), {})).toEqual({ access: 'write', actor: 'ops' });
    }
  });
});
