/* global process, setTimeout, console */
/* eslint-disable no-console -- a benchmark prints its numbers */
// Throughput of FeatureFlagClient.isEnabled on one uncached Redis store with 64 concurrent
// callers, against a redis-server started on loopback. Not a test: prints ops/s.
//   pnpm --filter @flipper-client/store-redis build && pnpm --filter @flipper-client/store-redis bench
import { FeatureFlagClient, ConsistentHashPercentageBucketer, Percentage } from '@flipper-client/core';
import { startRedis } from '@flipper-client/redis-server';
import { Redis } from 'ioredis';
import { RedisFeatureFlagStore } from '../dist/index.js';

const CALLERS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function measure(label, features, flagOf) {
  let stop = false;
  let count = 0;
  const caller = async (id) => {
    let user = id;
    while (!stop) {
      await features.isEnabled(flagOf(id), { user_id: user });
      user += CALLERS;
      count += 1;
    }
  };
  const warmup = Date.now() + 500;
  const callers = Array.from({ length: CALLERS }, (_, id) => caller(id));
  await new Promise((resolve) => setTimeout(resolve, warmup - Date.now()));
  const startCount = count;
  const start = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const done = count - startCount;
  stop = true;
  await Promise.all(callers);
  console.log(`${label}: ${Math.round(done / elapsed).toLocaleString('en-US')} ops/s (${done} calls in ${elapsed.toFixed(2)} s)`);
}

const server = await startRedis();
try {
  for (const autoPipelining of [false, true]) {
    const redis = new Redis(server.port, server.host, { enableAutoPipelining: autoPipelining });
    const store = new RedisFeatureFlagStore(redis, { baseKey: `bench-${autoPipelining}` });
    const features = new FeatureFlagClient(store);
    for (let i = 0; i < CALLERS; i++) {
      await features.create(`FLAG_${i}`, { isEnabled: true });
      await features.setBucketer(
        `FLAG_${i}`,
        new ConsistentHashPercentageBucketer({ keyWhitelist: ['user_id'], percentage: new Percentage(0.5) }),
      );
    }
    const mode = autoPipelining ? 'enableAutoPipelining' : 'default client';
    await measure(`${CALLERS} callers, one flag, ${mode}`, features, () => 'FLAG_0');
    await measure(`${CALLERS} callers, ${CALLERS} flags, ${mode}`, features, (id) => `FLAG_${id}`);
    await redis.quit();
  }
} finally {
  await server.stop();
}
