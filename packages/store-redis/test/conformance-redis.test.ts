import { describeStoreConformance, describeUsageConformance } from '@flipper-client/test-suite';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../src/index.js';
import { conformanceHandle } from './support/conformance-wiring.js';
import { uniqueBaseKey } from './support/namespaces.js';
import { useRedis } from './support/redis-fixture.js';

const redis = useRedis();

describeStoreConformance(
  'redis (single server)',
  {
    createStore: () => conformanceHandle(() => redis().shared, () => new Redis(redis().server.port, redis().server.host)),
    concurrentWriters: 24,
    changeFeedTimeoutMs: 1000,
  },
  { changeFeed: true, syncReads: false, atomicUpdates: true, writeRaw: true, readRaw: true, wholeDocumentWrites: true },
);

describeUsageConformance('redis (single server)', {
  createStore: () => {
    const store = new RedisFeatureFlagStore(redis().shared, { baseKey: uniqueBaseKey('usage') });
    return { store, cleanup: () => store.close() };
  },
});
