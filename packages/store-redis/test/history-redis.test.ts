import { describeHistoryConformance } from '@flipper-client/test-suite';
import { Redis } from 'ioredis';
import { historyHandle } from './support/history-wiring.js';
import { useRedis } from './support/redis-fixture.js';

const redis = useRedis();

describeHistoryConformance('redis (single server)', {
  createStore: (retention) => historyHandle(() => redis().shared, () => new Redis(redis().server.port, redis().server.host), retention),
  concurrentWriters: 24,
  concurrentCreates: 20,
});
