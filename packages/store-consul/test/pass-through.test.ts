import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem, InvalidArgumentError, StoreError } from '@flipper-client/core';
import { collect } from '@flipper-client/core/testing';
import Consul from 'consul';
import { ConsulFeatureFlagStore, type ConsulFeatureFlagStoreOptions } from '../src/index.js';
import { kvCall, ON_ENDPOINT } from './support/consul-target.js';
import { timeUntil, useConsul } from './support/fixture.js';

const { newStore, target } = useConsul();

describe('options', () => {
  it.each<[string, ConsulFeatureFlagStoreOptions]>([
    ['an empty baseKey', { baseKey: '' }],
    ['a baseKey with a leading slash', { baseKey: '/features' }],
    ['an unknown consistency mode', { consistency: 'eventual' as 'stale' }],
    ['a wait time of 0', { waitTimeMs: 0 }],
    ['a wait time over Consul’s 10 minutes', { waitTimeMs: 600_001 }],
    ['a negative staleness bound', { maxStalenessMs: -1 }],
  ])('refuses %s with an InvalidArgumentError, before any request', (_label, options) => {
    const consul = new Consul({ host: '127.0.0.1', port: 1 });
    expect(() => new ConsulFeatureFlagStore(consul, options)).toThrow(InvalidArgumentError);
    consul.destroy();
  });

  it('rejects with a StoreError naming the datacenter problem when the datacenter does not exist', async () => {
    const { store, errors } = newStore({ datacenter: 'no-such-dc-here' });
    const failure = await store.create('DC').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).operation).toBe('create');
    expect((failure as StoreError).featureName).toBe('DC');
    expect((failure as Error).message).toMatch(/datacenter/i);
    await timeUntil(() => errors.length > 0, 2000, 'the watch to report');
  });
});

describe('check-and-set', () => {
  it('retries an update that lost a race with another writer, so both changes survive', async () => {
    let interfere = true;
    const theirs = new FeatureFlagStoreItem('RACED', false, new FeatureFlagMeta({ clientData: { mine: 0, theirs: true } }));
    // Another writer lands between the store's read and its conditional write, once.
    const { store, writeText, raw, baseKey } = newStore({}, (consul) => {
      const set = consul.kv.set.bind(consul.kv) as unknown as (options: Record<string, unknown>) => Promise<unknown>;
      (consul.kv as unknown as { set: typeof set }).set = async (options) => {
        if (interfere && options['cas'] !== undefined) {
          interfere = false;
          await writeText('RACED', encodeDocument(theirs));
        }
        return set(options);
      };
    });
    await store.create('RACED', { clientData: { mine: 0 } });
    const seen: object[] = [];
    const written = await store.update('RACED', (item) => {
      seen.push(item.clientData());
      return item.withEnabled(true);
    });
    expect(seen).toEqual([{ mine: 0 }, { mine: 0, theirs: true }]);
    expect(written.enabled).toBe(true);
    expect(written.clientData()).toEqual({ mine: 0, theirs: true });
    const stored = (await kvCall(raw, 'get', { key: `${baseKey}/RACED`, token: target().token })) as { Value: string };
    expect(JSON.parse(stored.Value)).toMatchObject({ is_enabled: true, meta: { client_data: { mine: 0, theirs: true } } });
    expect(store.getSync('RACED')?.clientData()).toEqual({ mine: 0, theirs: true });
  });

  it('set creates a missing flag only if it is still missing (cas=0), else updates it', async () => {
    const { store, writeFlag } = newStore();
    await store.set('SET_NEW', true);
    expect((await store.get('SET_NEW'))?.enabled).toBe(true);
    await writeFlag('SET_OTHER', false);
    await store.set('SET_OTHER', true);
    expect((await store.get('SET_OTHER'))?.enabled).toBe(true);
  });
});

describe('documents that do not decode', () => {
  it('reports one written by another program, rejects get, skips it in list and getSync', async () => {
    const { store, writeText, errors } = newStore();
    await store.ready();
    await store.create('GOOD');
    await writeText('BROKEN', '{"feature_name": "BROKEN", "is_enabled": tr');
    await timeUntil(() => errors.length > 0, 2000, 'the report');
    expect(errors[0]?.featureName).toBe('BROKEN');
    expect(errors[0]?.code).toBe('INVALID_DOCUMENT');
    await expect(store.get('BROKEN')).rejects.toMatchObject({ code: 'INVALID_DOCUMENT', featureName: 'BROKEN' });
    expect(store.getSync('BROKEN')).toBeUndefined();
    const invalid: string[] = [];
    const listed = await collect(store.list({ onInvalid: (error) => invalid.push(error.featureName!) }));
    expect(listed.map((item) => item.featureName)).toEqual(['GOOD']);
    expect(invalid).toEqual(['BROKEN']);
  });
});

/** Token, datacenter and consistency reach Consul: checked in the endpoint's request log. */
function onEndpoint(name: string, tests: () => void): void {
  if (ON_ENDPOINT) describe(name, tests);
}

onEndpoint('what reaches the endpoint', () => {
  let secured: ConsulKvHandle;
  const clients: Consul[] = [];
  const stores: ConsulFeatureFlagStore[] = [];
  const open = (options: ConsulFeatureFlagStoreOptions): ConsulFeatureFlagStore => {
    const consul = new Consul({ host: secured.host, port: secured.port });
    clients.push(consul);
    const store = new ConsulFeatureFlagStore(consul, { retry: { initialDelayMs: 20, maxDelayMs: 100 }, ...options });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    secured = await startConsulKv({ aclToken: 'app-token', datacenter: 'east' });
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const consul of clients) consul.destroy();
    await secured.stop();
  });

  it('sends the token and datacenter on every request, the watch included', async () => {
    const store = open({ baseKey: 'tok', token: 'app-token', datacenter: 'east' });
    await store.ready();
    await store.create('T', { isEnabled: true });
    await store.set('T', false);
    await store.delete('T');
    await timeUntil(
      () => secured.requests.some((request) => request.key === 'tok/' && request.query['index'] !== undefined),
      2000,
      'a blocking query',
    );
    expect(secured.requests.length).toBeGreaterThanOrEqual(6);
    for (const request of secured.requests) {
      expect(request.token).toBe('app-token');
      expect(request.query['dc']).toBe('east');
    }
  });

  it('fails with a 403 StoreError without the token', async () => {
    const errors: unknown[] = [];
    const store = open({ baseKey: 'tok', onError: (error) => errors.push(error) });
    await expect(store.create('T')).rejects.toThrow(/HTTP 403/);
    await expect(store.get('T')).rejects.toBeInstanceOf(StoreError);
    await timeUntil(() => errors.length > 0, 2000, 'the watch to report');
    expect(store.syncReady).toBe(false);
  });

  it.each([
    ['consistent', { consistent: '1' }],
    ['stale', { stale: '1' }],
    ['default', {}],
  ] as const)('reads with consistency %s, and writes without it', async (consistency, expected) => {
    secured.clearRequests();
    const store = open({ baseKey: `mode-${consistency}`, token: 'app-token', consistency });
    await store.create('M');
    await store.update('M', (item) => item.withEnabled(true));
    await store.ready();
    const mine = secured.requests.filter((request) => request.key?.startsWith(`mode-${consistency}/`));
    const reads = mine.filter((request) => request.method === 'GET');
    const writes = mine.filter((request) => request.method === 'PUT');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const read of reads) {
      expect(read.query['consistent']).toBe(expected['consistent' as keyof typeof expected]);
      expect(read.query['stale']).toBe(expected['stale' as keyof typeof expected]);
    }
    for (const write of writes) expect(write.query).not.toHaveProperty('consistent');
    expect(writes.map((write) => write.query['cas'])).toEqual([undefined, expect.stringMatching(/^\d+$/)]);
  });

  it('puts every flag on exactly its own key, percent-encoding the whole key on the wire', async () => {
    const store = open({ baseKey: 'names', token: 'app-token' });
    const names = ['with/slash', '..', '../escape', 'a?b#c', 'percent%2Fencoded', '%', 'x/../target', 'spaces in it', '旗'];
    secured.clearRequests();
    for (const name of names) await store.create(name);
    const puts = secured.requests.filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.key)).toEqual(names.map((name) => `names/${name}`));
    expect(puts.map((request) => request.path)).toEqual(names.map((name) => `/v1/kv/${encodeURIComponent(`names/${name}`)}`));
    await store.refresh();
    expect((await collect(store.list())).map((item) => item.featureName).sort()).toEqual([...names].sort());
  });
});
