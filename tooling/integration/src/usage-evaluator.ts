/**
 * A process of a fleet, for the usage-counting tests (`fork`, IPC channel): its own ioredis
 * connection and `FeatureFlagClient` on the Redis store. It evaluates `half` times, flushes its
 * counts, says `flushed`, waits for `go`, evaluates `half` times more and exits through
 * `close()`, which flushes the rest. Call i asks `flags[i % flags.length]`.
 */
import { FeatureFlagClient } from '@flipper-client/core';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';

export interface UsageEvaluatorArguments {
  readonly host: string;
  readonly port: number;
  readonly baseKey: string;
  readonly flags: readonly string[];
  readonly half: number;
}

async function evaluate(features: FeatureFlagClient, flags: readonly string[], count: number): Promise<void> {
  for (let i = 0; i < count; i++) await features.isEnabled(flags[i % flags.length]!);
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]!) as UsageEvaluatorArguments;
  const redis = new Redis({ host: args.host, port: args.port, maxRetriesPerRequest: 1 });
  const store = new RedisFeatureFlagStore(redis, { baseKey: args.baseKey, closeClient: true });
  // An interval far longer than the test: only flushUsage() and close() send anything.
  const features = new FeatureFlagClient(store, { usage: { flushIntervalMs: 3_600_000 } });
  const failures: string[] = [];
  features.events.on('error', (event) => failures.push(event.error.message));
  await evaluate(features, args.flags, args.half);
  await features.flushUsage();
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  process.send?.({ type: 'flushed', failures });
  await go;
  await evaluate(features, args.flags, args.half);
  await features.close();
  await store.close();
  process.send?.({ type: 'closed', failures }, () => process.disconnect());
}

void main();
