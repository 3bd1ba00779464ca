// Another process on the same Redis, driven over IPC by the tests: it writes flags through its
// own FeatureFlagClient, and reads them through a preloaded CachedFeatureFlagStore that only the
// Redis change feed keeps current. Plain JavaScript, so that it runs on the built packages.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeatureFlagClient } from '@flipper-client/core';
import { CachedFeatureFlagStore } from '@flipper-client/store-cached';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';

const [host, port, baseKey] = process.argv.slice(2);
const redis = new Redis({ host, port: Number(port), maxRetriesPerRequest: 1 });
const inner = new RedisFeatureFlagStore(redis, { baseKey });
const cache = new CachedFeatureFlagStore(inner, { ttlMs: 3_600_000 });
const writer = new FeatureFlagClient(inner);
const reader = new FeatureFlagClient(cache);

async function awaitValue(name, enabled, timeoutMs) {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (reader.isEnabledSync(name, {}, { default: !enabled }) === enabled) return { type: 'seen', afterMs: performance.now() - start };
    await sleep(2);
  }
  return { type: 'timeout' };
}

async function apply(message) {
  switch (message.op) {
    case 'enable':
      await writer.enable(message.name);
      return { type: 'done' };
    case 'disable':
      await writer.disable(message.name);
      return { type: 'done' };
    case 'await':
      return awaitValue(message.name, message.enabled, message.timeoutMs);
    default:
      throw new Error(`unknown op ${message.op}`);
  }
}

process.on('message', (message) => {
  apply(message).then(
    (reply) => process.send({ id: message.id, ...reply }),
    (error) => process.send({ id: message.id, type: 'failed', message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));

await inner.changeFeedReady();
await cache.preload();
process.send({ type: 'ready', pid: process.pid });
