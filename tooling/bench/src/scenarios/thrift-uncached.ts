import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { FeatureFlagClient } from '@flipper-client/core';
import type { FeatureFlagStore } from '@flipper-client/core/store';
import { expectAll } from '../answers.js';
import { callConcurrently } from '../concurrent-callers.js';
import { closeStore } from '../flipper-stores.js';
import type { RunContext } from '../run-context.js';
import { defineScenario, type ThroughputBench } from '../scenario.js';
import type { ThriftServerMessage } from '../thrift-server-child.js';

const STORE_THRIFT = '@flipper-client/store-thrift';
const FLAG = 'PLAIN';
const CALLERS = 64;
const SERVER = fileURLToPath(new URL('../thrift-server-child.js', import.meta.url));

/** What the scenario uses of the store package and of the thrift library it peer-depends on. */
interface ThriftItem {
  is_enabled?: boolean | null;
}
interface GeneratedClient {
  Get(featureName: string): Promise<ThriftItem>;
}
interface Connection {
  once(event: 'connect', listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  end(): void;
}
interface ThriftLibrary {
  TBufferedTransport: unknown;
  TBinaryProtocol: unknown;
  createConnection(host: string, port: number, options: { transport: unknown; protocol: unknown }): Connection;
  createClient(service: unknown, connection: Connection): GeneratedClient;
}
interface StoreThriftModule {
  FeatureFlagStoreService: unknown;
  ThriftRPCFeatureFlagStore: new (client: GeneratedClient, options: { connection: Connection }) => FeatureFlagStore;
}

const servers = new WeakMap<RunContext, Promise<number>>();

/** The port of the run's flag service, a child process started on first use. */
function serverPort(context: RunContext): Promise<number> {
  let port = servers.get(context);
  if (port === undefined) {
    const child = fork(SERVER, ['buffered'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    context.onCleanup(() => void child.kill());
    port = Promise.race([
      once(child, 'message').then(([message]) => (message as ThriftServerMessage).port),
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`the Thrift server process exited (code ${String(code)})`))),
    ]);
    servers.set(context, port);
  }
  return port;
}

/** The generated client on a fresh buffered, binary connection, as an application sets it up. */
async function connect(context: RunContext): Promise<{ thrift: StoreThriftModule; client: GeneratedClient; connection: Connection }> {
  const port = await serverPort(context);
  const thrift = await context.importPackage<StoreThriftModule>(STORE_THRIFT);
  const library = context.requireFrom<ThriftLibrary>(STORE_THRIFT, 'thrift');
  const connection = library.createConnection('127.0.0.1', port, {
    transport: library.TBufferedTransport,
    protocol: library.TBinaryProtocol,
  });
  await new Promise<void>((resolve, reject) => {
    connection.once('connect', resolve);
    connection.once('error', reject);
  });
  return { thrift, client: library.createClient(thrift.FeatureFlagStoreService, connection), connection };
}

/**
 * A flipper client over the Thrift store, read by `callers` at once. Callers ask for `flags`
 * different flags in turn, all on: with one flag the store's shared reads serve concurrent
 * callers from one round trip; with as many flags as callers every call is a round trip.
 */
function flipperRow(callers: number, flags = 1) {
  const names = Array.from({ length: flags }, (_, i) => (flags === 1 ? FLAG : `${FLAG}_${i}`));
  const shown = flags === 1 ? `'${FLAG}'` : 'flags[i % 64]';
  return {
    id: `flipper-thrift-${callers}-${flags}`,
    library: 'flipper (Thrift store)',
    call: `await features.isEnabled(${shown})${callers > 1 ? ` × ${callers} callers` : ''}`,
    mode: 'async' as const,
    async setup(context: RunContext): Promise<ThroughputBench> {
      const { thrift, client, connection } = await connect(context);
      const store = new thrift.ThriftRPCFeatureFlagStore(client, { connection });
      const features = new FeatureFlagClient(store);
      for (const name of names) await features.create(name, { isEnabled: true });
      let next = 0;
      return {
        run: (iterations) => callConcurrently(callers, iterations, () => features.isEnabled(names[next++ % flags]!)),
        close: () => closeStore(store),
      };
    },
  };
}

export default defineScenario({
  kind: 'throughput',
  id: 'thrift-uncached',
  title: 'Thrift store, uncached',
  description:
    "Every call asks a flag service in another process over a loopback socket (buffered transport, binary protocol; the service is this package's createFeatureFlagStoreServer over a memory store). Beside it, the generated Thrift client's Get alone with the same concurrency (the round trip alone).",
  order: 85,
  requires: [STORE_THRIFT],
  baseline: 'thrift-get',
  checkAnswers: expectAll,
  subjects: [
    flipperRow(1),
    flipperRow(CALLERS),
    flipperRow(CALLERS, CALLERS),
    {
      id: 'thrift-get',
      library: 'thrift generated client (no flipper)',
      call: `await client.Get('${FLAG}') × ${CALLERS} callers`,
      mode: 'async',
      async setup(context) {
        const { thrift, client, connection } = await connect(context);
        const features = new FeatureFlagClient(new thrift.ThriftRPCFeatureFlagStore(client, { connection }));
        await features.create(FLAG, { isEnabled: true });
        return {
          run: (iterations) => callConcurrently(CALLERS, iterations, async () => (await client.Get(FLAG)).is_enabled === true),
          close: () => connection.end(),
        };
      },
    },
  ],
});
