import { FeatureFlagClient, MemoryFeatureFlagStore, type FeatureFlag } from '../../src/index.js';

export function newClient(): FeatureFlagClient {
  return new FeatureFlagClient(new MemoryFeatureFlagStore());
}

/** The share of `calls` evaluations of `flag` that were on. */
export function observedRate(flag: FeatureFlag, calls: number): Promise<number> {
  return Promise.all(Array.from({ length: calls }, () => flag.isEnabled())).then(
    (answers) => answers.filter(Boolean).length / calls,
  );
}
