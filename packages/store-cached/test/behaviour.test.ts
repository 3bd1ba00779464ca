import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeCachedStoreBehaviour } from '../src/testing/index.js';

describeCachedStoreBehaviour('memory', { createInner: () => ({ store: new MemoryFeatureFlagStore() }) });
