import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeUsageConformance } from '../src/index.js';

// The usage suite tests itself against the memory store, the reference implementation of the capability.
describeUsageConformance('memory', { createStore: () => ({ store: new MemoryFeatureFlagStore() }) });
