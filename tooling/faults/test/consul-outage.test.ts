import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FeatureFlagClient, StoreError } from '@flipper-client/core';
import type { StoreChange } from '@flipper-client/core/store';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import { ConsulFeatureFlagStore, type ConsulStoreOptions } from '@flipper-client/store-consul';
import Consul from 'consul';
import { TcpFaultProxy } from '../src/index.js';
import { reportFigures } from './support/figures.js';
import { settle, uniqueName, within } from './support/time.js';

/**
 * The Consul store keeps a local copy current with a blocking query. These tests take Consul away
 * from the store — the endpoint stopped, or the network to it cut or silent — while another
 * client keeps writing, and check that the copy goes on answering, that the store's own calls
 * fail fast with typed errors, and that the watch resumes and catches up without a new store.
 */
const RETRY = { initialDelayMs: 1500, maxDelayMs: 1500 };
/** The watch's back-off ceiling plus one request: how long a healed watch may take to catch up. */
const CATCH_UP_BOUND_MS = RETRY.maxDelayMs + 1500;

let kv: ConsulKvHandle;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  kv = await startConsulKv();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await kv.stop();
});

/** A store with its own `consul` client on `host:port` (the endpoint, or a proxy in front of it). */
async function consulStore(port: number, baseKey: string, options: ConsulStoreOptions = {}): Promise<{ store: ConsulFeatureFlagStore; errors: StoreError[] }> {
  const consul = new Consul({ host: '127.0.0.1', port });
  const errors: StoreError[] = [];
  const store = new ConsulFeatureFlagStore(consul, { baseKey, retry: RETRY, requestTimeoutMs: 1000, onError: (error) => errors.push(error as StoreError), ...options });
  cleanups.push(async () => {
    await store.close();
    consul.destroy();
  });
  await store.ready();
  return { store, errors };
}

describe('Consul endpoint stopped and restarted', () => {
  it('serves the last known flags, fails writes fast with typed errors, then resumes and catches up with a write made while its watch was down', async () => {
    const baseKey = uniqueName('consul-outage');
    const { store, errors } = await consulStore(kv.port, baseKey);
    const features = new FeatureFlagClient(store);
    await features.create('KNOWN', { isEnabled: true });
    const changes: StoreChange[] = [];
    store.watch((change) => changes.push(change));

    await kv.stop();
    await within(2000, 'the watch notices the endpoint is gone', () => !store.watchStatus.healthy);
    expect(features.isEnabledSync('KNOWN')).toBe(true);
    expect(await features.isEnabled('KNOWN')).toBe(true);
    const write = await settle(features.enable('KNOWN'));
    expect(write.error).toBeInstanceOf(StoreError);
    expect((write.error as StoreError).featureName).toBe('KNOWN');
    expect((write.error as StoreError).store).toBe('consul');
    expect(write.ms).toBeLessThan(1000);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error instanceof StoreError && error.operation === 'watch')).toBe(true);

    await kv.restart();
    // Another application writes at once, before the store's watch has come back (its next
    // attempt is at least 750 ms away: the back-off draws from the upper half of 1500 ms).
    const writer = await consulStore(kv.port, baseKey);
    const other = new FeatureFlagClient(writer.store);
    await other.disable('KNOWN');
    await other.create('NEW', { isEnabled: true });
    expect(store.watchStatus.healthy).toBe(false);

    const caughtUpIn = await within(CATCH_UP_BOUND_MS, 'the copy shows the writes made while the watch was down', () =>
      features.isEnabledSync('NEW') && !features.isEnabledSync('KNOWN'),
    );
    expect(caughtUpIn).toBeLessThan(CATCH_UP_BOUND_MS);
    reportFigures('consul restart, catch-up ms', caughtUpIn);
    expect(store.watchStatus.healthy).toBe(true);
    expect(changes).toEqual(expect.arrayContaining([{ kind: 'flag', featureName: 'KNOWN' }, { kind: 'flag', featureName: 'NEW' }]));
    // The same store writes again, and the other application's copy hears of it.
    await features.enable('KNOWN');
    expect(features.isEnabledSync('KNOWN')).toBe(true);
    await within(2000, "the other store's copy shows the write", () => other.isEnabledSync('KNOWN'));
  });
});

describe('Consul cut off from one store while others write', () => {
  it('catches up with creates, updates and deletes once the network heals, without a new store', async () => {
    const baseKey = uniqueName('consul-cut');
    const proxy = await TcpFaultProxy.start({ host: kv.host, port: kv.port });
    cleanups.push(() => proxy.close());
    const { store } = await consulStore(proxy.port, baseKey);
    const { store: writerStore } = await consulStore(kv.port, baseKey);
    const writer = new FeatureFlagClient(writerStore);
    for (const name of ['STAYS', 'CHANGES', 'GOES']) await writer.create(name);
    await within(2000, 'the cut-off store has the flags', () => store.getSync('GOES') !== undefined);

    await proxy.cut();
    await within(2000, 'the watch notices the cut', () => !store.watchStatus.healthy);
    await writer.enable('CHANGES');
    await writer.destroy('GOES');
    await writer.create('ARRIVES', { clientData: { n: 1 } });
    expect(store.getSync('GOES')).toBeDefined();
    await proxy.restore();

    await within(CATCH_UP_BOUND_MS, 'the copy matches Consul again', () => store.getSync('ARRIVES') !== undefined && store.getSync('GOES') === undefined);
    const names = [];
    for await (const item of store.list()) names.push(item.featureName);
    expect(names.sort()).toEqual(['ARRIVES', 'CHANGES', 'STAYS']);
    expect(store.getSync('CHANGES')?.enabled).toBe(true);
    expect(store.getSync('ARRIVES')?.clientData()).toEqual({ n: 1 });
  });

  it('fails writes within requestTimeoutMs on a silent network, keeps answering from the copy, and heals', async () => {
    const baseKey = uniqueName('consul-silent');
    const proxy = await TcpFaultProxy.start({ host: kv.host, port: kv.port });
    cleanups.push(() => proxy.close());
    const { store } = await consulStore(proxy.port, baseKey, { requestTimeoutMs: 500, waitTimeMs: 1000 });
    const features = new FeatureFlagClient(store);
    await features.create('KNOWN', { isEnabled: true });

    proxy.blackhole();
    const write = await settle(features.disable('KNOWN'));
    expect(write.error).toBeInstanceOf(StoreError);
    expect((write.error as StoreError).featureName).toBe('KNOWN');
    expect(write.ms).toBeLessThan(500 + 500);
    // The long poll is silent too: noticed within waitTimeMs × 17/16 + requestTimeoutMs.
    await within(1000 * (17 / 16) + 500 + 500, 'the watch notices the silence', () => !store.watchStatus.healthy);
    expect(features.isEnabledSync('KNOWN')).toBe(true);

    await proxy.restore();
    await within(CATCH_UP_BOUND_MS, 'the watch is back', () => store.watchStatus.healthy);
    await features.disable('KNOWN');
    expect(features.isEnabledSync('KNOWN')).toBe(false);
  });
});
