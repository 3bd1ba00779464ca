import { afterEach, describe, expect, it } from '@jest/globals';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  LinearRampPercentage,
  MemoryFeatureFlagStore,
  Percentage,
  PercentageBucketer,
} from '@flipper-client/core';
import { contextToChecks, resolveContextMapping } from '@flipper-client/openfeature-mapping';
import { evaluateAll } from '../src/bulk-evaluation.js';
import { evaluateFlag } from '../src/flag-evaluation.js';
import { FlagCatalog } from '../src/flag-catalog.js';
import { RevalidationMemo } from '../src/revalidation.js';
import { storeWithoutFeed } from './support/no-feed-store.js';
import { ALL_KEY, startOfrep, type RunningOfrep } from './support/ofrep-server.js';

/* The node:http path answers without a Web Request: these pin it to the fetch path and to JSON.stringify. */
const running: RunningOfrep[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

async function serve(...args: Parameters<typeof startOfrep>): Promise<RunningOfrep> {
  const server = await startOfrep(...args);
  running.push(server);
  return server;
}

/** Flags of every kind of rule: conditions with a consistent hash, conditions alone, off, on, a random share. */
async function everyKind(client: FeatureFlagClient): Promise<void> {
  const hashed = await client.create('rules.hashed', { isEnabled: true });
  await hashed.addCondition(new Condition({ plan__in: ['pro'] }));
  await hashed.setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  const admins = await client.create('rules.admins', { isEnabled: true });
  await admins.addCondition(new Condition({ is_admin: true }));
  await client.create('plain.off', { isEnabled: false });
  await client.create('plain.on', { isEnabled: true });
  await client.create('name "quoted" ü', { isEnabled: true });
}

const mapping = resolveContextMapping({}, 'ofrep');
const contexts = [{ targetingKey: 'u-1', plan: 'pro' }, { targetingKey: 'u-2', plan: 'pro', is_admin: true }, { targetingKey: 'u-3', plan: 'free' }, {}];

describe('the node:http path', () => {
  it('answers as the fetch path does, and every bulk entry is the single evaluation’s answer', async () => {
    const server = await serve();
    await everyKind(server.client);
    for (const context of contexts) {
      const viaHttp = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: { context } });
      const viaFetch = await server.app.fetch(
        new Request(`${server.base}/ofrep/v1/evaluate/flags`, { method: 'POST', headers: { authorization: `Bearer ${ALL_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ context }) }),
      );
      expect([viaFetch.status, await viaFetch.text(), viaFetch.headers.get('etag')]).toEqual([viaHttp.status, viaHttp.text, viaHttp.headers.get('etag')]);
      const flags = (viaHttp.body as { flags: Array<{ key: string }> }).flags;
      expect(flags).toHaveLength(5);
      for (const entry of flags) {
        const single = await server.call('POST', `/ofrep/v1/evaluate/flags/${encodeURIComponent(entry.key)}`, { json: { context } });
        expect(single.status).toBe(200);
        expect(JSON.stringify(entry)).toBe(single.text);
        // The entries are written out by hand: byte for byte what JSON.stringify of the evaluation gives.
        const item = (await server.client.store.get(entry.key))!;
        expect(single.text).toBe(JSON.stringify(evaluateFlag(item, contextToChecks(context, mapping), server.client.unmatchedConditions)));
      }
    }
  });

  it('gives a custom authorize the method, URL and headers of the node request', async () => {
    const seen: string[] = [];
    const server = await serve({
      ofrep: {
        authorize: (request) => {
          seen.push(`${request.method} ${new URL(request.url).pathname}`);
          return request.headers.get('x-team') === 'web' ? { id: 'web-team' } : false;
        },
      },
    });
    await server.client.create('plain.on', { isEnabled: true });
    const allowed = await server.call('POST', '/ofrep/v1/evaluate/flags/plain.on', { json: { context: {} }, key: null, headers: { 'x-team': 'web' } });
    const refused = await server.call('POST', '/ofrep/v1/evaluate/flags/plain.on', { json: { context: {} }, key: null, headers: { 'x-team': 'other' } });
    expect([allowed.status, refused.status]).toEqual([200, 401]);
    expect(seen).toEqual(['POST /ofrep/v1/evaluate/flags/plain.on', 'POST /ofrep/v1/evaluate/flags/plain.on']);
  });
});

describe('revalidation', () => {
  it('keeps answering 304 while nothing changes, and the new answer once a flag changes', async () => {
    const server = await serve();
    await everyKind(server.client);
    const context = { targetingKey: 'u-1', plan: 'pro' };
    const first = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: { context } });
    const etag = first.headers.get('etag')!;
    for (let i = 0; i < 3; i++) {
      const again = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: { context }, headers: { 'if-none-match': etag } });
      expect([again.status, again.headers.get('etag')]).toEqual([304, etag]);
    }
    await server.client.disable('plain.on');
    const changed = await server.call('POST', '/ofrep/v1/evaluate/flags', { json: { context }, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect((changed.body as { flags: Array<{ key: string; value: boolean }> }).flags.find((flag) => flag.key === 'plain.on')).toMatchObject({ value: false });
  });

  it('remembers only answers that follow from the flags and the context, and only over a followed local copy', async () => {
    const client = new FeatureFlagClient(new MemoryFeatureFlagStore());
    await everyKind(client);
    const catalog = new FlagCatalog(client.store, 30_000);
    const deps = { store: client.store, catalog, unmatched: client.unmatchedConditions, serverOnly: () => false, pollIntervalSec: 30 };
    const grant = { id: 'all', prefixes: undefined };
    expect((await evaluateAll(deps, grant, { user_id: 'u' }, undefined)).pure).toBe(true);

    const memo = new RevalidationMemo(catalog, client.store);
    const key = memo.keyOf(grant, { user_id: 'u' })!;
    memo.remember(key, '"tag"');
    expect(memo.current(key)).toBe('"tag"');
    expect(memo.current(memo.keyOf({ id: 'all', prefixes: ['plain.'] }, { user_id: 'u' })!)).toBeUndefined();
    await client.enable('plain.off');
    expect(memo.current(key)).toBeUndefined();

    await (await client.create('random.half', { isEnabled: true })).setBucketer(new PercentageBucketer({ percentage: new Percentage(0.5) }));
    expect((await evaluateAll(deps, grant, {}, undefined)).pure).toBe(false);
    await client.destroy('random.half');
    const ramp = new LinearRampPercentage({ initialValue: 0, finalValue: 1, rampDuration: 600 });
    await (await client.create('ramp.hashed', { isEnabled: true })).setBucketer(new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: ramp }));
    expect((await evaluateAll(deps, grant, { user_id: 'u' }, undefined)).pure).toBe(false);
    catalog.close();

    const polled = new FlagCatalog(storeWithoutFeed(), 30_000);
    await polled.current();
    expect(new RevalidationMemo(polled, storeWithoutFeed()).keyOf(grant, {})).toBeUndefined();
  });
});
