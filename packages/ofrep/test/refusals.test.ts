import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { startRedis, type RedisServer } from '@flipper-client/redis-server';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OpenFeature } from '@openfeature/server-sdk';
import { Redis } from 'ioredis';
import { ALL_KEY, startOfrep, WEB_KEY, type Answer, type RunningOfrep } from './support/ofrep-server.js';

/* Every refusal the issue lists, each answered with the protocol's status and body (validated against the document by `call`). */
let server: RunningOfrep;
const context = { context: { targetingKey: 'u-1' } };
const APP = 'https://app.example.com';

beforeAll(async () => {
  server = await startOfrep({ ofrep: { allowedOrigins: [APP], serverOnly: ['server.'] } });
  await server.client.create('web.banner', { isEnabled: true });
  await server.client.create('internal.kill_switch', { isEnabled: true });
  await server.client.create('server.batch_size', { isEnabled: true });
});

afterAll(async () => {
  await server?.stop();
});

const errorOf = (answer: Answer): { key?: string; errorCode: string; errorDetails: string } => answer.body as never;

describe('refusals', () => {
  it('401 without a key or with a wrong one, on both endpoints', async () => {
    for (const key of [null, 'not-a-key-of-this-server']) {
      const single = await server.call('POST', '/ofrep/v1/evaluate/flags/web.banner', { json: context, key });
      expect([single.status, single.headers.get('www-authenticate'), errorOf(single).key]).toEqual([401, 'Bearer', 'web.banner']);
      expect((await server.call('POST', '/ofrep/v1/evaluate/flags', { json: context, key })).status).toBe(401);
    }
    const viaHeader = await server.call('POST', '/ofrep/v1/evaluate/flags/web.banner', { json: context, key: null, headers: { 'x-api-key': WEB_KEY } });
    expect(viaHeader.status).toBe(200);
  });

  it('403 for a flag outside the key’s prefixes, which bulk leaves out', async () => {
    const outside = await server.call('POST', '/ofrep/v1/evaluate/flags/internal.kill_switch', { json: context, key: WEB_KEY });
    expect([outside.status, errorOf(outside).errorDetails]).toEqual([403, 'this key may not read flag "internal.kill_switch"']);
    const bulk = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: context, key: WEB_KEY });
    expect((bulk.body as { flags: { key: string }[] }).flags.map((flag) => flag.key)).toEqual(['web.banner']);
  });

  it('keeps server-only flags out of bulk, while single evaluation answers them', async () => {
    const bulk = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: context });
    expect((bulk.body as { flags: { key: string }[] }).flags.map((flag) => flag.key)).toEqual(['internal.kill_switch', 'web.banner']);
    expect((await server.call('POST', '/ofrep/v1/evaluate/flags/server.batch_size', { json: context })).body).toMatchObject({ key: 'server.batch_size', value: true });
  });

  it('400 PARSE_ERROR for a body that is not JSON, of another type or too large; INVALID_CONTEXT for a bad context', async () => {
    const cases: Array<[{ body?: string; json?: unknown; headers?: Record<string, string> }, string, RegExp]> = [
      [{ body: '{"context": ', headers: { 'content-type': 'application/json' } }, 'PARSE_ERROR', /cannot be read: not JSON/],
      [{ body: '{"context": {}}', headers: { 'content-type': 'text/plain' } }, 'PARSE_ERROR', /send the body as application\/json/],
      [{ body: '', headers: { 'content-type': 'application/json' } }, 'PARSE_ERROR', /has no body/],
      [{ json: [1, 2] }, 'PARSE_ERROR', /must be a JSON object/],
      [{ json: { context: { targetingKey: 'u', big: 'x'.repeat(70_000) } } }, 'PARSE_ERROR', /at most 65536 bytes/],
      [{ json: {} }, 'INVALID_CONTEXT', /needs a context object/],
      [{ json: { context: { targetingKey: 7 } } }, 'INVALID_CONTEXT', /targetingKey must be a string/],
      [{ json: { context: { 'a.b': 1, a: { b: 2 } } } }, 'INVALID_CONTEXT', /gives the check "a.b"/],
    ];
    for (const [request, code, details] of cases) {
      for (const path of ['/ofrep/v1/evaluate/flags/web.banner', '/ofrep/v1/evaluate/flags']) {
        const answer = await server.call('POST', path, request);
        expect([path, answer.status, errorOf(answer).errorCode]).toEqual([path, 400, code]);
        expect(errorOf(answer).errorDetails).toMatch(details);
      }
    }
  });

  it('404 FLAG_NOT_FOUND for a missing flag, and for a name no store could hold', async () => {
    for (const key of ['no.such.flag', 'x'.repeat(600)]) {
      const answer = await server.call('POST', `/ofrep/v1/evaluate/flags/${key}`, { json: context });
      expect([answer.status, errorOf(answer)]).toEqual([404, { key, errorCode: 'FLAG_NOT_FOUND', errorDetails: `flag ${JSON.stringify(key)} was not found` }]);
    }
  });

  it('CORS: an allowed origin may read answers (ETag exposed) and passes preflight; any other origin gets no CORS headers', async () => {
    const allowed = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: context, headers: { origin: APP } });
    expect([allowed.headers.get('access-control-allow-origin'), allowed.headers.get('access-control-expose-headers'), allowed.headers.get('vary')]).toEqual([APP, 'ETag, Retry-After', 'Origin']);
    const preflight = await fetch(`${server.base}/ofrep/v1/evaluate/flags`, {
      method: 'OPTIONS',
      headers: { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, if-none-match' },
    });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin'), preflight.headers.get('access-control-allow-headers')]).toEqual([204, APP, 'authorization, x-api-key, content-type, if-none-match']);

    const evil = 'https://evil.example';
    const refused = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: context, headers: { origin: evil } });
    const refusedPreflight = await fetch(`${server.base}/ofrep/v1/evaluate/flags`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST' } });
    for (const answer of [refused.headers, refusedPreflight.headers]) {
      expect([...answer.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('405 for another method, 404 for another path under /ofrep', async () => {
    const get = await fetch(`${server.base}/ofrep/v1/evaluate/flags`, { headers: { authorization: `Bearer ${ALL_KEY}` } });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await fetch(`${server.base}/ofrep/v2/evaluate/flags`, { method: 'POST' })).status).toBe(404);
  });
});

describe('rate limits', () => {
  it('429 with Retry-After in seconds past the key’s budget, per key, and the published provider waits it out', async () => {
    const limited = await startOfrep({ ofrep: { rateLimit: { requestsPerSecond: 0.5, burst: 2 } } });
    try {
      await limited.client.create('web.banner', { isEnabled: true });
      const statuses: number[] = [];
      let last: Answer | undefined;
      for (let i = 0; i < 3; i++) {
        last = await limited.call('POST', '/ofrep/v1/evaluate/flags/web.banner', { json: context });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(last!.headers.get('retry-after')).toBe('2');
      expect((await limited.call('POST', '/ofrep/v1/evaluate/flags', { json: context })).status).toBe(429);
      // Another key has its own budget.
      expect((await limited.call('POST', '/ofrep/v1/evaluate/flags/web.banner', { json: context, key: WEB_KEY })).status).toBe(200);

      let requests = 0;
      const counting: typeof fetch = (input, init) => {
        requests++;
        return fetch(input, init);
      };
      await OpenFeature.setProviderAndWait('limited', new OFREPProvider({ baseUrl: limited.base, headers: [['Authorization', `Bearer ${ALL_KEY}`]], fetchImplementation: counting }));
      const flags = OpenFeature.getClient('limited');
      expect(await flags.getBooleanDetails('web.banner', false)).toMatchObject({ value: false, errorCode: 'GENERAL' });
      // Within Retry-After the provider answers the default without asking the server.
      expect(await flags.getBooleanDetails('web.banner', false)).toMatchObject({ value: false, errorCode: 'GENERAL' });
      expect(requests).toBe(1);
    } finally {
      await OpenFeature.close();
      await limited.stop();
    }
  });
});

describe('a store outage', () => {
  let redis: RedisServer;
  let connection: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    connection = new Redis({ host: redis.host, port: redis.port, maxRetriesPerRequest: 1 });
    connection.on('error', () => undefined);
  });

  afterAll(async () => {
    connection?.disconnect();
    await redis?.stop();
  });

  it('answers 500 with the protocol’s body, no stack and no address, and tells onError; it answers again when Redis is back', async () => {
    const store = new RedisFeatureFlagStore(connection, { baseKey: 'ofrep-outage', commandTimeoutMs: 300 });
    const errors: unknown[] = [];
    const down = await startOfrep({ client: new FeatureFlagClient(store), ofrep: { onError: (error) => errors.push(error) } });
    try {
      await down.client.create('web.banner', { isEnabled: true });
      expect((await down.call('POST', '/ofrep/v1/evaluate/flags/web.banner', { json: context })).status).toBe(200);
      await redis.kill();
      const single = await down.call('POST', '/ofrep/v1/evaluate/flags/web.banner', { json: context });
      const bulk = await down.call('POST', '/ofrep/v1/evaluate/flags', { json: context });
      expect([single.status, single.body]).toEqual([500, { key: 'web.banner', errorCode: 'GENERAL', errorDetails: 'the flag store (redis) is unavailable; try again later' }]);
      expect([bulk.status, bulk.body]).toEqual([500, { errorCode: 'GENERAL', errorDetails: 'the flag store (redis) is unavailable; try again later' }]);
      for (const text of [single.text, bulk.text]) expect(text).not.toMatch(/127\.0\.0\.1|\bat |Error|ECONN|stack/);
      expect(errors.length).toBe(2);
      await redis.restart();
      // The restarted Redis is empty (no persistence): a 404 is the store answering again.
      let healed = 500;
      for (const deadline = Date.now() + 10_000; healed === 500 && Date.now() < deadline; ) {
        healed = (await down.call('POST', '/ofrep/v1/evaluate/flags/web.banner', { json: context })).status;
        if (healed === 500) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(healed).toBe(404);
    } finally {
      await down.stop();
      await store.close();
    }
  });
});
