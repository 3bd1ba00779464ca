import { afterEach, describe, expect, it } from '@jest/globals';
import { Condition, FeatureFlagClient } from '@flipper-client/core';
import { storeWithoutFeed } from './support/no-feed-store.js';
import { startOfrep, WEB_KEY, type RunningOfrep } from './support/ofrep-server.js';

const running: RunningOfrep[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

async function serve(...args: Parameters<typeof startOfrep>): Promise<RunningOfrep> {
  const server = await startOfrep(...args);
  running.push(server);
  return server;
}

const bulk = (server: RunningOfrep, context: Record<string, unknown>, headers: Record<string, string> = {}, key?: string) =>
  server.call('POST', '/ofrep/v1/evaluate/flags', { json: { context }, headers, ...(key === undefined ? {} : { key }) });

interface BulkBody {
  flags: Array<{ key: string; value?: boolean; reason?: string; errorCode?: string }>;
  metadata: Record<string, unknown>;
  eventStreams?: Array<{ type: string; endpoint: { requestUri: string }; inactivityDelaySec: number }>;
}

describe('bulk evaluation', () => {
  it('evaluates every flag for the context, in name order, with an ETag; 304 when nothing changed for that context', async () => {
    const server = await serve();
    await server.client.create('web.b', { isEnabled: true });
    const admins = await server.client.create('web.a', { isEnabled: true });
    await admins.addCondition(new Condition({ is_admin: true }));

    const first = await bulk(server, { targetingKey: 'u', is_admin: true });
    const body = first.body as BulkBody;
    expect(body.flags).toEqual([
      { key: 'web.a', value: true, reason: 'TARGETING_MATCH', variant: 'on', metadata: { 'flipper.rule': 'conditions_matched' } },
      { key: 'web.b', value: true, reason: 'STATIC', variant: 'on', metadata: { 'flipper.rule': 'always_on' } },
    ]);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await bulk(server, { targetingKey: 'u', is_admin: true }, { 'if-none-match': etag });
    expect([again.status, again.text, again.headers.get('etag')]).toEqual([304, '', etag]);
    // Another context evaluates differently: a full answer with another tag.
    const other = await bulk(server, { targetingKey: 'u', is_admin: false }, { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    // A change to a flag changes the answer and its tag.
    await server.client.disable('web.b');
    const changed = await bulk(server, { targetingKey: 'u', is_admin: true }, { 'if-none-match': `W/"old", ${etag}` });
    expect(changed.status).toBe(200);
    expect((changed.body as BulkBody).flags[1]).toMatchObject({ key: 'web.b', value: false, reason: 'DISABLED' });
  });

  it('sees flags created and destroyed since the last answer', async () => {
    const server = await serve();
    await server.client.create('one', { isEnabled: true });
    expect((await bulk(server, {})).body).toMatchObject({ flags: [{ key: 'one' }] });
    await server.client.create('two', { isEnabled: true });
    await server.client.destroy('one');
    expect(((await bulk(server, {})).body as BulkBody).flags.map((flag) => flag.key)).toEqual(['two']);
  });

  it('lists a flag whose document cannot be read as a PARSE_ERROR entry beside the others', async () => {
    const client = new FeatureFlagClient(storeWithoutFeed());
    const server = await serve({ client });
    await client.create('good', { isEnabled: true });
    await client.create('bad', { isEnabled: true });
    const store = client.store;
    const get = store.get.bind(store);
    store.get = async (name) => {
      if (name === 'bad') throw new (await import('@flipper-client/core')).InvalidDocumentError('bad', 'meta.bucketer', 'unknown bucketer type "Nope"');
      return get(name);
    };
    expect(((await bulk(server, {})).body as BulkBody).flags).toEqual([
      { key: 'bad', errorCode: 'PARSE_ERROR', errorDetails: 'the stored document of flag "bad" cannot be read' },
      { key: 'good', value: true, reason: 'STATIC', variant: 'on', metadata: { 'flipper.rule': 'always_on' } },
    ]);
  });

  it('gives each key its own answer and tag, and an event stream only over a store with a change feed', async () => {
    const live = await serve();
    await live.client.create('web.x', { isEnabled: true });
    await live.client.create('intern.y', { isEnabled: true });
    const all = await bulk(live, {});
    const web = await bulk(live, {}, {}, WEB_KEY);
    expect(all.headers.get('etag')).not.toBe(web.headers.get('etag'));
    const stream = (web.body as BulkBody).eventStreams![0]!;
    expect(stream).toMatchObject({ type: 'sse', inactivityDelaySec: 120 });
    expect(stream.endpoint.requestUri).toMatch(/^\/ofrep\/v1\/events\?token=[\w-]+\.[\w-]+$/);
    expect(stream.endpoint.requestUri).not.toContain(WEB_KEY);
    expect((web.body as BulkBody).metadata).toEqual({ changeDetection: 'sse' });

    const polled = await serve({ store: storeWithoutFeed(), ofrep: { pollIntervalSec: 20 } });
    await polled.client.create('web.x', { isEnabled: true });
    const answer = (await bulk(polled, {})).body as BulkBody;
    expect(answer.eventStreams).toBeUndefined();
    expect(answer.metadata).toEqual({ changeDetection: 'polling', pollIntervalSec: 20 });
    expect(polled.app.changeDetection).toBe('polling');
  });
});
