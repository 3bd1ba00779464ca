import { FeatureFlagClient, MemoryFeatureFlagStore } from '@flipper-client/core';

export const FLIPPER_LIBRARY = 'flipper (memory store)';

/** A flipper client on a fresh memory store, with its flags made by `define`. */
export async function startFlipper(define: (features: FeatureFlagClient) => Promise<void>): Promise<FeatureFlagClient> {
  const features = new FeatureFlagClient(new MemoryFeatureFlagStore());
  await define(features);
  return features;
}
