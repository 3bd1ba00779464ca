import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeReplicatedStoreBehaviour } from '../src/testing/index.js';

describeReplicatedStoreBehaviour('memory', {
  createStores: (replicaCount) => ({
    primary: new MemoryFeatureFlagStore(),
    replicas: Array.from({ length: replicaCount }, () => new MemoryFeatureFlagStore()),
  }),
});
