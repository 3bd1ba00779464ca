import { afterEach } from '@jest/globals';
import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { DefaultLogger, OpenFeature, type Client, type EventDetails, type ProviderEvents } from '@openfeature/server-sdk';
import { FlipperProvider, type FlipperProviderOptions } from '../../src/index.js';

export interface Harness {
  features: FeatureFlagClient;
  provider: FlipperProvider;
  flags: Client;
}

export interface StartOptions {
  /** Default: a fresh memory store. */
  store?: FeatureFlagStore;
  provider?: FlipperProviderOptions;
}

/** A flipper client over the store, its provider registered with OpenFeature and ready. */
export async function startProvider(options: StartOptions = {}): Promise<Harness> {
  const features = new FeatureFlagClient(options.store ?? new MemoryFeatureFlagStore());
  const provider = new FlipperProvider(features, options.provider);
  await OpenFeature.setProviderAndWait(provider);
  return { features, provider, flags: OpenFeature.getClient() };
}

/** Every test leaves OpenFeature as it found it: providers closed, handlers gone, default logger. */
export function resetOpenFeatureAfterEach(): void {
  afterEach(async () => {
    await OpenFeature.close();
    OpenFeature.clearHandlers();
    OpenFeature.setLogger(new DefaultLogger());
  });
}

/** Resolves with the details of the next event of this type on the OpenFeature API. */
export function nextEvent(type: ProviderEvents, timeoutMs = 2000): Promise<EventDetails | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      OpenFeature.removeHandler(type, handler);
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (details?: EventDetails): void => {
      clearTimeout(timer);
      OpenFeature.removeHandler(type, handler);
      resolve(details);
    };
    OpenFeature.addHandler(type, handler);
  });
}
