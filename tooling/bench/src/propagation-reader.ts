import { setImmediate as nextTurn } from 'node:timers/promises';
import { FeatureFlagClient } from '@flipper-client/core';
import { hasChangeFeed } from '@flipper-client/core/store';
import { loadRedisStores, preloadIfPossible } from './flipper-stores.js';
import { importPackageByName, requireFromPackageNamed } from './workspace-packages.js';

/**
 * The second process of the cross-process scenario: reads one flag through a cached store over
 * the Redis store, as another instance of an application would, and reports (on the IPC
 * channel) the monotonic time at which it first sees each value the writer announces.
 * Arguments: <redis host> <redis port> <base key> <flag> <timeout ms>.
 */

export type ReaderMessage =
  | { type: 'ready'; innerChangeFeed: boolean; cachedChangeFeed: boolean; preloaded: boolean }
  | { type: 'polling' }
  | { type: 'seen'; at: string }
  | { type: 'timeout' };

export type WriterMessage = { type: 'expect'; value: boolean } | { type: 'stop' };

function send(message: ReaderMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const [host, portText, baseKey, flag, timeoutText] = process.argv.slice(2);
  if (host === undefined || baseKey === undefined || flag === undefined) throw new Error('missing arguments');
  const timeoutNs = BigInt(Number(timeoutText)) * 1_000_000n;
  const stores = await loadRedisStores(
    { importPackage: importPackageByName, requireFrom: requireFromPackageNamed },
    { cached: true },
  );
  const client = stores.newRedisClient({ host, port: Number(portText) });
  const inner = stores.newRedisStore(client, baseKey);
  const store = stores.newCachedStore!(inner);
  const features = new FeatureFlagClient(store);
  const preloaded = await preloadIfPossible(store);
  await features.isEnabled(flag);
  send({ type: 'ready', innerChangeFeed: hasChangeFeed(inner), cachedChangeFeed: hasChangeFeed(store), preloaded });

  process.on('message', (message: WriterMessage) => {
    if (message.type === 'stop') {
      void Promise.resolve(store.close?.())
        .then(() => client.quit())
        .finally(() => process.exit(0));
      return;
    }
    void (async () => {
      send({ type: 'polling' });
      const deadline = process.hrtime.bigint() + timeoutNs;
      // Yield a turn between reads so the driver's socket events (and any change feed) are
      // handled: a loop of awaited cache hits alone would never let them in.
      for (;;) {
        if ((await features.isEnabled(flag)) === message.value) {
          send({ type: 'seen', at: String(process.hrtime.bigint()) });
          return;
        }
        if (process.hrtime.bigint() > deadline) {
          send({ type: 'timeout' });
          return;
        }
        await nextTurn();
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
