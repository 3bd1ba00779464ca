import { afterEach, describe, expect, it } from '@jest/globals';
import { Condition, ConsistentHashPercentageBucketer, FeatureFlagClient, Percentage } from '@flipper-client/core';
import { FeatureFlagStoreItem, encodeDocument, type FeatureFlagStore } from '@flipper-client/core/store';
import { FlipperProvider } from '@flipper-client/openfeature';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import {
  ErrorCode,
  OpenFeature,
  ProviderEvents,
  ProviderStatus,
  StandardResolutionReasons,
  type Client,
  type EventDetails,
} from '@openfeature/server-sdk';
import { uniqueBaseKey, useRedis } from './support/redis.js';

/*
 * The OpenFeature SDK itself driving FlipperProvider over a Redis store, and over a preloaded
 * cache in front of it. Flags are written by "another process": a Redis store on a connection of
 * its own. Everything the provider knows comes through Redis.
 */
const redis = useRedis();
const { DISABLED, ERROR, SPLIT, STATIC, TARGETING_MATCH } = StandardResolutionReasons;

interface Deployment {
  flags: Client;
  /** The store the provider's client evaluates on. */
  store: FeatureFlagStore;
  /** Another process's client on the same flags. */
  other: FeatureFlagClient;
  baseKey: string;
}

const opened: FeatureFlagStore[] = [];

afterEach(async () => {
  await OpenFeature.close();
  OpenFeature.clearHandlers();
  for (const store of opened.splice(0).reverse()) await store.close?.();
});

/** Flags written by the other process before the provider starts. */
async function writeFlags(other: FeatureFlagClient): Promise<void> {
  await other.create('OFF', { clientData: { owner: 'ops' } });
  await other.create('ON', { isEnabled: true });
  await other.create('CHECKOUT', { isEnabled: true, clientData: { owner: 'payments', tickets: 3, labels: ['a'] } });
  await other.addCondition('CHECKOUT', new Condition({ is_beta_tester: true }));
  await other.setBucketer('CHECKOUT', new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }));
  await other.create('ADMINS', { isEnabled: true });
  await other.addCondition('ADMINS', new Condition({ is_admin: true }));
}

/** `before` writes more into the base key before the provider starts. */
async function deploy(cached: boolean, commandTimeoutMs = 1000, before?: (baseKey: string) => Promise<unknown>): Promise<Deployment> {
  const baseKey = uniqueBaseKey(cached ? 'openfeature-cached' : 'openfeature');
  const otherStore = new RedisFeatureFlagStore(redis().connection(), { baseKey, closeClient: true });
  opened.push(otherStore);
  const other = new FeatureFlagClient(otherStore);
  await writeFlags(other);
  await before?.(baseKey);
  const redisStore = new RedisFeatureFlagStore(redis().connection(), { baseKey, closeClient: true, commandTimeoutMs });
  await redisStore.changeFeedReady();
  const store = cached ? new CachedFeatureFlagStore(redisStore, { ttlMs: 3_600_000, closeInner: true }) : redisStore;
  opened.push(store);
  await OpenFeature.setProviderAndWait(new FlipperProvider(new FeatureFlagClient(store), { targetingKeyValue: Number }));
  return { flags: OpenFeature.getClient(), store, other, baseKey };
}

/** Collects CONFIGURATION_CHANGED events, each with the value the flag evaluated to when it arrived. */
function watchChanges(flags: Client, flag: string): { events: { changed: string[] | undefined; value: boolean }[]; stop(): void } {
  const events: { changed: string[] | undefined; value: boolean }[] = [];
  const handler = (details?: EventDetails<ProviderEvents.ConfigurationChanged>): void => {
    void flags.getBooleanValue(flag, false).then((value) => events.push({ changed: details?.flagsChanged, value }));
  };
  OpenFeature.addHandler(ProviderEvents.ConfigurationChanged, handler);
  return { events, stop: () => OpenFeature.removeHandler(ProviderEvents.ConfigurationChanged, handler) };
}

async function eventually(predicate: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each([
  ['a Redis store', false],
  ['a preloaded cache over a Redis store', true],
])('FlipperProvider over %s', (_label, cached) => {
  it('is READY once the store is, and evaluates with the reason of each rule', async () => {
    const { flags, store, other } = await deploy(cached);
    expect(flags.providerStatus).toBe(ProviderStatus.READY);
    // Over the cache, READY waited for its preload: a complete mirror answers from memory.
    if (cached) expect(store.syncReady).toBe(true);

    expect(await flags.getBooleanDetails('OFF', true)).toMatchObject({ value: false, reason: DISABLED, flagMetadata: { owner: 'ops' } });
    expect(await flags.getBooleanDetails('ON', false, { targetingKey: '7' })).toMatchObject({ value: true, reason: STATIC });
    expect(await flags.getBooleanDetails('CHECKOUT', false, { targetingKey: '2', is_beta_tester: true })).toMatchObject({
      value: true,
      reason: TARGETING_MATCH,
      flagMetadata: { owner: 'payments', tickets: 3 },
    });
    expect(await flags.getBooleanDetails('ADMINS', false, { country: 'NL' })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    expect(await flags.getBooleanDetails('NOWHERE', true)).toMatchObject({ value: true, reason: ERROR, errorCode: ErrorCode.FLAG_NOT_FOUND });
    expect(await flags.getStringDetails('ON', 'x')).toMatchObject({ value: 'x', reason: ERROR, errorCode: ErrorCode.TYPE_MISMATCH });

    // The 50% rollout decides for everyone else: the answers of a client reading Redis directly.
    const split = await Promise.all(
      Array.from({ length: 20 }, (_, i) => flags.getBooleanDetails('CHECKOUT', false, { targetingKey: String(i + 1) })),
    );
    const direct = await Promise.all(Array.from({ length: 20 }, (_, i) => other.isEnabled('CHECKOUT', { user_id: i + 1 })));
    expect(split.map((details) => details.reason)).toEqual(Array(20).fill(SPLIT));
    expect(split.map((details) => details.value)).toEqual(direct);
    expect(new Set(direct)).toEqual(new Set([true, false]));
    expect(split[0]?.flagMetadata).not.toHaveProperty('labels');
  });

  it('announces a write from another connection as CONFIGURATION_CHANGED, once the flag reads the new value', async () => {
    const { flags, other } = await deploy(cached);
    const changes = watchChanges(flags, 'OFF');
    await other.enable('OFF');
    await eventually(() => changes.events.some((event) => event.changed?.includes('OFF') === true), 'CONFIGURATION_CHANGED for OFF');
    changes.stop();
    expect(changes.events.filter((event) => event.changed?.includes('OFF')).map((event) => event.value)).not.toContain(false);
  });

  it('announces a raw SET that publishes nothing (as the Python library writes), through keyspace notifications', async () => {
    const { flags, baseKey } = await deploy(cached);
    const changes = watchChanges(flags, 'ON');
    await redis().shared.set(`${baseKey}/ON`, encodeDocument(new FeatureFlagStoreItem('ON', false)));
    await eventually(() => changes.events.some((event) => event.changed?.includes('ON') === true), 'CONFIGURATION_CHANGED for ON');
    changes.stop();
    expect(changes.events.filter((event) => event.changed?.includes('ON')).map((event) => event.value)).not.toContain(true);
    expect(await flags.getBooleanDetails('ON', true)).toMatchObject({ value: false, reason: DISABLED });
  });
});

describe('failures reach OpenFeature as error codes', () => {
  it.each([
    ['a Redis store', false],
    ['a preloaded cache over a Redis store', true],
  ])('PARSE_ERROR over %s for a corrupt document in Redis, naming the flag and the bad part', async (_label, cached) => {
    const corrupt = (name: string): string => JSON.stringify({ feature_name: name, is_enabled: true, meta: { bucketer: { type: 'MysteryBucketer' } } });
    // BROKEN is there before the provider starts (the cache meets it in its preload); LATER is
    // written afterwards (the cache hears of it on the feed).
    const { flags, baseKey } = await deploy(cached, 1000, (key) => redis().shared.set(`${key}/BROKEN`, corrupt('BROKEN')));
    const changes = watchChanges(flags, 'LATER');
    await redis().shared.set(`${baseKey}/LATER`, corrupt('LATER'));
    await eventually(() => changes.events.some((event) => event.changed?.includes('LATER') === true), 'CONFIGURATION_CHANGED for LATER');
    changes.stop();
    for (const name of ['BROKEN', 'LATER']) {
      const details = await flags.getBooleanDetails(name, true);
      expect(details).toMatchObject({ value: true, reason: ERROR, errorCode: ErrorCode.PARSE_ERROR });
      expect(details.errorMessage).toContain(`"${name}"`);
      expect(details.errorMessage).toMatch(/bucketer/);
    }
    expect(await flags.getBooleanDetails('ON', false)).toMatchObject({ value: true, reason: STATIC });
  });

  it('GENERAL with the default when Redis hangs, and answers again once it is back', async () => {
    const { flags } = await deploy(false, 300);
    redis().server.pause();
    try {
      const details = await flags.getBooleanDetails('ON', false);
      expect(details).toMatchObject({ value: false, reason: ERROR, errorCode: ErrorCode.GENERAL });
      expect(details.errorMessage).toMatch(/redis/);
    } finally {
      redis().server.resume();
    }
    expect(await flags.getBooleanDetails('ON', false)).toMatchObject({ value: true, reason: STATIC });
  });

  it('no error at all over the preloaded cache while Redis hangs: the mirror answers', async () => {
    const { flags } = await deploy(true, 300);
    redis().server.pause();
    try {
      expect(await flags.getBooleanDetails('ON', false)).toMatchObject({ value: true, reason: STATIC });
      expect(await flags.getBooleanDetails('CHECKOUT', false, { is_beta_tester: true })).toMatchObject({ value: true, reason: TARGETING_MATCH });
    } finally {
      redis().server.resume();
    }
  });
});
