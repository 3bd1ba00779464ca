import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import {
  FeatureFlagClient,
  InvalidArgumentError,
  InvalidDocumentError,
  StoreError,
  type ErrorEvent,
} from '@flipper-client/core';
import { encodeDocument, FeatureFlagMeta, FeatureFlagStoreItem } from '@flipper-client/core/store';
import { collect, findSecretPaths } from '@flipper-client/test-suite';
import Consul from 'consul';
import { inspect } from 'node:util';
import { ConsulFeatureFlagStore, type ConsulStoreOptions } from '../src/index.js';
import { kvCall, ON_ENDPOINT } from './support/consul-target.js';
import { timeUntil, useConsul } from './support/fixture.js';

const { newStore, target } = useConsul();

describe('options', () => {
  it.each<[string, ConsulStoreOptions]>([
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
    // The plain check-and-set path (`history: false`); with history, the txn's cas is retried the same way.
    const { store, writeText, raw, baseKey } = newStore({ history: false }, (consul) => {
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
  it('reports one written by another program, rejects get, throws from getSync, skips it in list', async () => {
    const { store, writeText, errors } = newStore();
    await store.ready();
    await store.create('GOOD');
    await writeText('BROKEN', '{"feature_name": "BROKEN", "is_enabled": tr');
    await timeUntil(() => errors.length > 0, 2000, 'the report');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.featureName).toBe('BROKEN');
    expect(errors[0]?.code).toBe('INVALID_DOCUMENT');
    const rejected = await store.get('BROKEN').catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(InvalidDocumentError);
    expect(rejected).toMatchObject({ code: 'INVALID_DOCUMENT', featureName: 'BROKEN' });
    // getSync answers what get does: the same stored error, thrown.
    expect(store.syncReady).toBe(true);
    expect(() => store.getSync('BROKEN')).toThrow(InvalidDocumentError);
    let thrown: unknown;
    try {
      store.getSync('BROKEN');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(rejected);
    // The copy's other flags are unaffected, and reading the bad one again reports nothing new.
    expect(store.getSync('GOOD')?.featureName).toBe('GOOD');
    expect(store.getSync('ABSENT')).toBeUndefined();
    expect(errors).toHaveLength(1);
    const invalid: string[] = [];
    const listed = await collect(store.list({ onInvalid: (error) => invalid.push(error.featureName!) }));
    expect(listed.map((item) => item.featureName)).toEqual(['GOOD']);
    expect(invalid).toEqual(['BROKEN']);
  });

  it('makes isEnabled and isEnabledSync answer the default and report the document on the client’s error events', async () => {
    const { store, writeFlag, writeText } = newStore();
    await writeFlag('FINE', true);
    await writeText('BROKEN', '{"feature_name": "BROKEN", "is_enabled": tr');
    await store.ready();
    await store.refresh();
    const features = new FeatureFlagClient(store);
    const heard: ErrorEvent[] = [];
    features.events.on('error', (event: ErrorEvent) => heard.push(event));
    expect(await features.isEnabled('BROKEN', {}, { default: true })).toBe(true);
    expect(features.isEnabledSync('BROKEN', {}, { default: false })).toBe(false);
    expect(heard.map((event) => [event.featureName, event.error.code])).toEqual([
      ['BROKEN', 'INVALID_DOCUMENT'],
      ['BROKEN', 'INVALID_DOCUMENT'],
    ]);
    expect(await features.isEnabled('FINE')).toBe(true);
    expect(features.isEnabledSync('FINE')).toBe(true);
    expect(heard).toHaveLength(2);
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
  const open = (options: ConsulStoreOptions): ConsulFeatureFlagStore => {
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

  it('keeps the token out of every error, down to the causes: only status, code and message are kept', async () => {
    const wrongToken = 'wrong-token-SECRET-41f3';
    const errors: unknown[] = [];
    const store = open({ baseKey: 'leak', token: wrongToken, onError: (error) => errors.push(error) });
    const rejections = [
      await store.create('F').catch((error: unknown) => error),
      await store.get('F').catch((error: unknown) => error),
      await store.update('F', (item) => item).catch((error: unknown) => error),
      await store.delete('F').catch((error: unknown) => error),
    ];
    await timeUntil(() => errors.length > 0, 2000, 'the watch to report');
    for (const error of [...rejections, ...errors]) {
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toMatch(/HTTP 403: .*ACL not found/);
      expect(findSecretPaths(error, wrongToken)).toEqual([]);
      expect(findSecretPaths(error, 'app-token')).toEqual([]);
      expect(inspect(error, { depth: Infinity, showHidden: true })).not.toContain(wrongToken);
    }
    const created = rejections[0] as StoreError;
    expect(created.featureName).toBe('F');
    const clientFailure = (created.cause as Error).cause as Error & { statusCode?: number; code?: string };
    expect(clientFailure.name).toBe('ConsulClientFailure');
    expect(clientFailure.statusCode).toBe(403);
    expect(clientFailure.message).toMatch(/ACL not found/);
    expect(Object.keys(clientFailure).sort()).toEqual(['code', 'name', 'statusCode']);
    expect(clientFailure.cause).toBeUndefined();
  });

  it.each([
    ['consistent', { consistent: '1' }],
    ['stale', { stale: '1' }],
    ['default', {}],
  ] as const)('reads with consistency %s, and writes without it', async (consistency, expected) => {
    secured.clearRequests();
    const store = open({ baseKey: `mode-${consistency}`, token: 'app-token', consistency, history: false });
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
    const store = open({ baseKey: 'names', token: 'app-token', history: false });
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
