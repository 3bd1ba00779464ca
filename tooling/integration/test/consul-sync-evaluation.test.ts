import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startConsulKv, type ConsulKvHandle } from '@flipper-client/consul-kv';
import {
  Condition,
  ConsistentHashPercentageBucketer,
  FeatureFlagClient,
  Percentage,
  SyncEvaluationUnavailableError,
} from '@flipper-client/core';
import { ConsulFeatureFlagStore } from '@flipper-client/store-consul';
import Consul from 'consul';
import { visibleWithin } from './support/visibility.js';

/*
 * Synchronous evaluation on Consul: the Consul store keeps a local copy current with blocking
 * queries, so after ready() `FeatureFlagClient.isEnabledSync` answers from memory. A cache in
 * front of it would only hold a second copy. Writes come from another client (its own consul
 * client and store), as from another service; the endpoint is tooling/consul-kv.
 */
const BOUND_MS = 1000;
let kv: ConsulKvHandle;
const clients: Consul[] = [];
const stores: ConsulFeatureFlagStore[] = [];
let namespaces = 0;

beforeAll(async () => {
  kv = await startConsulKv();
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

afterAll(async () => {
  for (const consul of clients.splice(0)) consul.destroy();
  await kv?.stop();
});

/** A store on a consul client of its own; the watch retries quickly so restarts are noticed at once. */
function newStore(baseKey: string): ConsulFeatureFlagStore {
  const consul = new Consul({ host: kv.host, port: kv.port });
  clients.push(consul);
  const store = new ConsulFeatureFlagStore(consul, { baseKey, retry: { initialDelayMs: 20, maxDelayMs: 100 } });
  stores.push(store);
  return store;
}

interface Deployment {
  /** Another service's client on the same flags. */
  writer: FeatureFlagClient;
  /** The reader's store, started now: its first sync is under way. */
  startReader(): { reader: FeatureFlagClient; readerStore: ConsulFeatureFlagStore };
}

function deployment(): Deployment {
  const baseKey = `it-consul-${process.pid}-${++namespaces}`;
  return {
    writer: new FeatureFlagClient(newStore(baseKey)),
    startReader: () => {
      const readerStore = newStore(baseKey);
      return { reader: new FeatureFlagClient(readerStore), readerStore };
    },
  };
}

describe('isEnabledSync on a Consul store', () => {
  it('refuses before the first sync, then answers what isEnabled answers', async () => {
    const { writer, startReader } = deployment();
    await writer.create('ROLLOUT', { isEnabled: true });
    await writer.addCondition('ROLLOUT', new Condition({ is_admin: true }));
    await writer.setBucketer('ROLLOUT', new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
    const { reader, readerStore } = startReader();
    expect(() => reader.isEnabledSync('ROLLOUT')).toThrow(SyncEvaluationUnavailableError);

    await readerStore.ready();
    const checks = [{}, { is_admin: true }, { is_admin: false }, ...Array.from({ length: 20 }, (_, i) => ({ user_id: i }))];
    const sync = checks.map((c) => reader.isEnabledSync('ROLLOUT', c));
    expect(sync).toEqual(await Promise.all(checks.map((c) => writer.isEnabled('ROLLOUT', c))));
    expect(new Set(sync)).toEqual(new Set([true, false]));
    expect(reader.isEnabledSync('NOWHERE', {}, { default: true })).toBe(true);
  });

  it(`shows a create, enable, condition and destroy by another client within ${BOUND_MS} ms`, async () => {
    const { writer, startReader } = deployment();
    const { reader, readerStore } = startReader();
    await readerStore.ready();
    await visibleWithin(BOUND_MS, 'the create', () => writer.create('REMOTE'), () => readerStore.getSync('REMOTE') !== undefined);
    expect(reader.isEnabledSync('REMOTE')).toBe(false);
    await visibleWithin(BOUND_MS, 'the enable', () => writer.enable('REMOTE'), () => reader.isEnabledSync('REMOTE'));
    await visibleWithin(BOUND_MS, 'the condition', () => writer.addCondition('REMOTE', new Condition({ plan: 'pro' })), () =>
      !reader.isEnabledSync('REMOTE', { plan: 'free' }),
    );
    expect(reader.isEnabledSync('REMOTE', { plan: 'pro' })).toBe(true);
    await visibleWithin(BOUND_MS, 'the destroy', () => writer.destroy('REMOTE'), () => reader.isEnabledSync('REMOTE', {}, { default: true }));
  });

  it('keeps answering from its copy while Consul is away, and follows writes again once it is back', async () => {
    const { writer, startReader } = deployment();
    await writer.create('DURING_OUTAGE', { isEnabled: true });
    const { reader, readerStore } = startReader();
    await readerStore.ready();
    await kv.stop();
    try {
      expect(reader.isEnabledSync('DURING_OUTAGE')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(reader.isEnabledSync('DURING_OUTAGE')).toBe(true);
    } finally {
      await kv.restart({ keepData: true });
    }
    await visibleWithin(BOUND_MS, 'a write after the restart', () => writer.disable('DURING_OUTAGE'), () => !reader.isEnabledSync('DURING_OUTAGE'));
  });
});
