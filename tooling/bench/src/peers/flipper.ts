import { FeatureFlagClient, MemoryFeatureFlagStore, type FeatureFlagClientOptions } from '@flipper-client/core';

export const FLIPPER_LIBRARY = 'flipper (memory store)';

/** A flipper client on a fresh memory store, with its flags made by `define`. */
export async function startFlipper(
  define: (features: FeatureFlagClient) => Promise<void>,
  options: FeatureFlagClientOptions = {},
): Promise<FeatureFlagClient> {
  const features = new FeatureFlagClient(new MemoryFeatureFlagStore(), options);
  await define(features);
  return features;
}

/** A `define` for `startFlipper`: one flag, on for everyone. */
export function enabledFlag(name: string): (features: FeatureFlagClient) => Promise<void> {
  return async (features) => void (await features.create(name, { isEnabled: true }));
}
