import { describe, expect, it, jest } from '@jest/globals';
import { FeatureFlagClient } from '@flipper-client/core';
import { ErrorCode, OpenFeature, ProviderEvents, ProviderStatus } from '@openfeature/server-sdk';
import { FlipperProvider } from '../src/index.js';
import { nextEvent, resetOpenFeatureAfterEach, startProvider } from './support/harness.js';
import { SlowStartStore, SteerableStore } from './support/test-stores.js';

resetOpenFeatureAfterEach();

/** Lets queued event handlers run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('provider events', () => {
  // Handlers are registered after setProvider: a READY handler added while the previous provider
  // is ready runs at once (OpenFeature spec 5.3.3), which would prove nothing here.
  it('is READY at once over a store without a first load to wait for', async () => {
    OpenFeature.setProvider(new FlipperProvider(new FeatureFlagClient(new SteerableStore())));
    const flags = OpenFeature.getClient();
    expect(flags.providerStatus).toBe(ProviderStatus.NOT_READY);

    expect(await nextEvent(ProviderEvents.Ready)).toMatchObject({ providerName: 'flipper' });
    expect(flags.providerStatus).toBe(ProviderStatus.READY);
  });

  it("is READY only once the store's ready() resolves, and is not evaluated before", async () => {
    const store = new SlowStartStore();
    const features = new FeatureFlagClient(store);
    await features.create('EARLY', { isEnabled: true });
    OpenFeature.setProvider(new FlipperProvider(features));
    const flags = OpenFeature.getClient();
    const onReady = jest.fn();
    OpenFeature.addHandler(ProviderEvents.Ready, onReady);
    const ready = nextEvent(ProviderEvents.Ready);

    await settle();
    expect(onReady).not.toHaveBeenCalled();
    expect(flags.providerStatus).toBe(ProviderStatus.NOT_READY);
    expect(await flags.getBooleanDetails('EARLY', false)).toMatchObject({ value: false, errorCode: ErrorCode.PROVIDER_NOT_READY });

    store.finishLoading();
    await ready;
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(flags.providerStatus).toBe(ProviderStatus.READY);
    expect(store.readyCalls).toBe(1);
    expect(await flags.getBooleanDetails('EARLY', false)).toMatchObject({ value: true });
  });

  it("is in ERROR when the store's first load fails", async () => {
    const store = new SlowStartStore();
    // The SDK logs the failed initialization; keep the test output quiet.
    OpenFeature.setLogger({ error: () => {}, warn: () => {}, info: () => {}, debug: () => {} });
    OpenFeature.setProvider(new FlipperProvider(new FeatureFlagClient(store)));
    const errored = nextEvent(ProviderEvents.Error);

    store.failLoading(new Error('first sync failed: connection refused'));
    expect((await errored)?.message).toMatch(/first sync failed: connection refused/);
    expect(OpenFeature.getClient().providerStatus).toBe(ProviderStatus.ERROR);
  });

  it('announces a write as CONFIGURATION_CHANGED naming the flag', async () => {
    const { features } = await startProvider();
    await features.create('CHANGING');

    let changed = nextEvent(ProviderEvents.ConfigurationChanged);
    await features.enable('CHANGING');
    expect((await changed)?.flagsChanged).toEqual(['CHANGING']);

    changed = nextEvent(ProviderEvents.ConfigurationChanged);
    await features.destroy('CHANGING');
    expect((await changed)?.flagsChanged).toEqual(['CHANGING']);
  });

  it('announces changes that may have been missed as CONFIGURATION_CHANGED without a list', async () => {
    const store = new SteerableStore();
    await startProvider({ store });

    const changed = nextEvent(ProviderEvents.ConfigurationChanged);
    store.announceAll();
    const details = await changed;
    expect(details).toBeDefined();
    expect(details?.flagsChanged).toBeUndefined();
  });

  it('subscribes to the change feed after the first load and unsubscribes on close', async () => {
    const store = new SlowStartStore();
    const features = new FeatureFlagClient(store);
    const provider = new FlipperProvider(features);
    const providerEvents = jest.fn();
    provider.events.addHandler(ProviderEvents.ConfigurationChanged, providerEvents);
    OpenFeature.setProvider(provider);
    const ready = nextEvent(ProviderEvents.Ready);

    await features.create('DURING_LOAD');
    expect(store.watchers).toBe(0);
    store.finishLoading();
    await ready;
    expect(store.watchers).toBe(1);

    await OpenFeature.close();
    expect(store.watchers).toBe(0);
    await features.enable('DURING_LOAD');
    await settle();
    expect(providerEvents).not.toHaveBeenCalled();
  });

  it('does not subscribe when closed while still waiting for the first load', async () => {
    const store = new SlowStartStore();
    OpenFeature.setProvider(new FlipperProvider(new FeatureFlagClient(store)));
    await settle();
    await OpenFeature.close();

    store.finishLoading();
    await settle();
    expect(store.readyCalls).toBe(1);
    expect(store.watchers).toBe(0);
  });
});
