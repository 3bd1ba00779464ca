import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FeatureFlagClient } from '@flipper-client/core';
import { closeStore, loadRedisStores, STORE_CACHED, STORE_REDIS } from '../flipper-stores.js';
import type { ReaderMessage, WriterMessage } from '../propagation-reader.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, type LatencySamples } from '../scenario.js';

const FLAG = 'PROPAGATION';
const READER = fileURLToPath(new URL('../propagation-reader.js', import.meta.url));
/** A sample not seen within this is counted as a timeout; three in a row end the scenario. */
const SAMPLE_TIMEOUT_MS = 3000;

/**
 * The reader's messages in arrival order. A listener is attached from the start, so an answer
 * that arrives while the writer is still awaiting its own write is queued, not lost.
 */
class ReaderInbox {
  private readonly queue: ReaderMessage[] = [];
  private waiting: { resolve: (message: ReaderMessage) => void; reject: (error: Error) => void } | undefined;
  private exited: Error | undefined;

  constructor(child: ChildProcess, describeExit: () => string) {
    child.on('message', (message: ReaderMessage) => {
      if (this.waiting === undefined) this.queue.push(message);
      else {
        this.waiting.resolve(message);
        this.waiting = undefined;
      }
    });
    child.once('exit', (code) => {
      this.exited = new Error(`the reader process exited (code ${code}) ${describeExit()}`.trim());
      this.waiting?.reject(this.exited);
      this.waiting = undefined;
    });
  }

  next(): Promise<ReaderMessage> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exited !== undefined) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}

async function measure(context: RunContext, samples: number): Promise<LatencySamples> {
  const server = await context.redis();
  const stores = await loadRedisStores(context, { cached: true });
  const client = stores.newRedisClient(server);
  context.onCleanup(async () => void (await client.quit()));
  const baseKey = `bench-propagation-${process.pid}`;
  const writerStore = stores.newRedisStore(client, baseKey);
  const writer = new FeatureFlagClient(writerStore);
  await writer.create(FLAG, { isEnabled: false });

  const reader = fork(READER, [server.host, String(server.port), baseKey, FLAG, String(SAMPLE_TIMEOUT_MS)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  reader.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const inbox = new ReaderInbox(reader, () => stderr.trim().split('\n')[0] ?? '');
  const send = (message: WriterMessage): void => void reader.send(message);
  try {
    const ready = await inbox.next();
    if (ready.type !== 'ready') throw new Error(`unexpected first message ${ready.type}`);
    const delaysMs: number[] = [];
    let timeouts = 0;
    let timeoutsInARow = 0;
    let value = false;
    for (let i = 0; i < samples && timeoutsInARow < 3; i++) {
      value = !value;
      send({ type: 'expect', value });
      if ((await inbox.next()).type !== 'polling') throw new Error('reader out of step');
      const start = process.hrtime.bigint();
      await (value ? writer.enable(FLAG) : writer.disable(FLAG));
      const answer = await inbox.next();
      if (answer.type === 'seen') {
        delaysMs.push(Number(BigInt(answer.at) - start) / 1e6);
        timeoutsInARow = 0;
      } else {
        timeouts++;
        timeoutsInARow++;
      }
    }
    return {
      delaysMs,
      timeouts,
      note:
        `reader: cached store over Redis store, preload ${ready.preloaded ? 'used' : 'not offered'}, ` +
        `change feed: inner ${ready.innerChangeFeed ? 'yes' : 'no'}, cached ${ready.cachedChangeFeed ? 'yes' : 'no'}; ` +
        `delay = writer's call to enable/disable → reader's isEnabled answers the new value (monotonic clock, both processes)` +
        (timeoutsInARow >= 3 ? `; stopped after 3 samples in a row unseen within ${SAMPLE_TIMEOUT_MS} ms` : ''),
    };
  } finally {
    if (reader.exitCode === null) {
      send({ type: 'stop' });
      await Promise.race([once(reader, 'exit'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (reader.exitCode === null) reader.kill('SIGKILL');
    }
    await closeStore(writerStore);
  }
}

export default defineScenario({
  kind: 'latency',
  id: 'cross-process',
  title: 'cross-process propagation through the cached store over Redis',
  description:
    'Two processes: this one flips a flag through the Redis store; a second one reads it through the cached store over Redis in a loop. Delay from the write call to the first read that shows it.',
  order: 90,
  requires: [STORE_REDIS, STORE_CACHED],
  samples: 40,
  quickSamples: 10,
  subjects: [
    {
      id: 'flipper-cached-redis',
      library: 'flipper (cached over Redis)',
      call: 'writer: features.enable/disable · reader: await features.isEnabled',
      measure,
    },
  ],
});
