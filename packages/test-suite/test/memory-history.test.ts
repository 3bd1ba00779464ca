import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeHistoryConformance } from '../src/index.js';

// The history suite against the core's memory store, the reference implementation of the
// capability; it holds items, not text, so there is no write behind its back.
describeHistoryConformance('memory', { createStore: (retention) => ({ store: new MemoryFeatureFlagStore({ history: retention }) }) }, { writeRaw: false });
