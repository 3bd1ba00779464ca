/**
 * The remote writer: a second Node process with its own ioredis connection and its own
 * `FeatureFlagClient`, started by the cross-process tests (`fork`, IPC channel). It applies the
 * commands of `remote-writer-protocol.ts` and answers once each write has resolved, so that
 * what the test process sees arrives only through Redis.
 */
import { FeatureFlagClient } from '@flipper-client/core';
import { RedisFeatureFlagStore } from '@flipper-client/store-redis';
import { Redis } from 'ioredis';
import { fromArgv, type RemoteCommand, type RemoteReply } from './remote-writer-protocol.js';

function reply(message: RemoteReply): void {
  process.send?.(message);
}

async function apply(features: FeatureFlagClient, redis: Redis, command: RemoteCommand): Promise<void> {
  switch (command.op) {
    case 'create':
      await features.create(command.featureName, { isEnabled: command.isEnabled });
      return;
    case 'enable':
      return features.enable(command.featureName);
    case 'disable':
      return features.disable(command.featureName);
    case 'destroy':
      return features.destroy(command.featureName);
    case 'raw-set':
      await redis.set(command.key, command.text);
      return;
  }
}

function main(): void {
  const { host, port, baseKey } = fromArgv(process.argv.slice(2));
  const redis = new Redis({ host, port, maxRetriesPerRequest: 1 });
  const store = new RedisFeatureFlagStore(redis, { baseKey });
  const features = new FeatureFlagClient(store);

  process.on('message', (command: RemoteCommand) => {
    apply(features, redis, command).then(
      () => reply({ type: 'done', id: command.id }),
      (error: unknown) => reply({ type: 'failed', id: command.id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The test process is gone or done with us: leave without waiting on anything.
  process.on('disconnect', () => {
    redis.disconnect();
    process.exit(0);
  });
  redis.ping().then(
    () => reply({ type: 'ready', pid: process.pid }),
    (error: unknown) => {
      process.stderr.write(`remote writer: Redis at ${host}:${port} did not answer: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

main();
