import { MemoryFeatureFlagStore } from '@flipper-client/core';
import { describeReplicatedStoreBehaviour } from '@flipper-client/test-suite/replicated';
import { ReplicatedFeatureFlagStore } from '../src/index.js';

describeReplicatedStoreBehaviour('memory', {
  createReplicated: (primary, replicas, settings) => new ReplicatedFeatureFlagStore(primary, replicas, settings),
  createStores: (replicaCount) => ({
    primary: new MemoryFeatureFlagStore(),
    replicas: Array.from({ length: replicaCount }, () => new MemoryFeatureFlagStore()),
  }),
});
