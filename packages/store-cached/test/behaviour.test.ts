import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeCachedStoreBehaviour } from '@flipper-client/test-suite/cached';
import { CachedFeatureFlagStore } from '../src/index.js';

describeCachedStoreBehaviour('memory', {
  createCache: (inner, settings) => new CachedFeatureFlagStore(inner, settings),
  createInner: () => ({ store: new MemoryFeatureFlagStore() }),
});
