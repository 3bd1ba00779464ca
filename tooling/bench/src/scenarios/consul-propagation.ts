import { encodeDocument, FeatureFlagStoreItem, type FeatureFlagStore } from '@flipper-client/core/store';
import type { RunContext } from '../run-context.js';
import { defineScenario, type LatencySamples } from '../scenario.js';

const STORE_CONSUL = '@flipper-client/store-consul';
const CONSUL_KV = '@flipper-client/consul-kv';
/** A write not in the local copy within this is counted as a timeout. */
const SAMPLE_TIMEOUT_MS = 3000;
/** Pause between writes, so the watch is back in its blocking query, as between real edits. */
const PAUSE_MS = 60;

/** What the scenario uses of the store package, of the `consul` driver and of the test endpoint. */
interface ConsulClient {
  kv: {
    set(key: string, value: string): Promise<unknown>;
    del(options: { key: string; recurse: boolean }): Promise<unknown>;
  };
  destroy(): void;
}
type ConsulClass = new (options: { host: string; port: number }) => ConsulClient;
interface ConsulStore extends FeatureFlagStore {
  ready(): Promise<void>;
  getSync(featureName: string): FeatureFlagStoreItem | undefined;
}
interface StoreConsulModule {
  ConsulFeatureFlagStore: new (consul: ConsulClient, options: { baseKey: string }) => ConsulStore;
}
interface ConsulKvModule {
  startConsulKv(options: { maxRecordedRequests: number }): Promise<{ host: string; port: number; stop(): Promise<void> }>;
}

interface Setup {
  /** The store under test, on a client of its own. */
  store: ConsulStore;
  /** Another program's client: writes the flags as the Python library would. */
  writer: ConsulClient;
  baseKey: string;
  where: string;
  close(): Promise<void>;
}

/** A real Consul when CONSUL_HTTP_ADDR is set, otherwise the KV endpoint of `tooling/consul-kv`. */
async function setUp(context: RunContext): Promise<Setup> {
  const address = process.env['CONSUL_HTTP_ADDR'];
  const endpoint = address === undefined ? await (await context.importPackage<ConsulKvModule>(CONSUL_KV)).startConsulKv({ maxRecordedRequests: 0 }) : undefined;
  const [host, port] = endpoint === undefined ? address!.replace(/^https?:\/\//, '').split(':') : [endpoint.host, String(endpoint.port)];
  const driver = context.requireFrom<ConsulClass | { default: ConsulClass }>(STORE_CONSUL, 'consul');
  const Consul = typeof driver === 'function' ? driver : driver.default;
  const { ConsulFeatureFlagStore } = await context.importPackage<StoreConsulModule>(STORE_CONSUL);
  const reader = new Consul({ host: host!, port: Number(port) });
  const writer = new Consul({ host: host!, port: Number(port) });
  const baseKey = `flipper-ts-bench/${process.pid}-${Date.now()}`;
  const store = new ConsulFeatureFlagStore(reader, { baseKey });
  await store.ready();
  return {
    store,
    writer,
    baseKey,
    where: endpoint === undefined ? `Consul at ${address}` : 'the Consul KV endpoint of tooling/consul-kv',
    async close() {
      await store.close?.();
      await writer.kv.del({ key: `${baseKey}/`, recurse: true });
      reader.destroy();
      writer.destroy();
      await endpoint?.stop();
    },
  };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes `samples` documents with the other client, alternating a flag on and off over 20
 * flags; `untilSeen` says whether to wait for the store's local copy to show each one.
 */
async function measure(context: RunContext, samples: number, untilSeen: boolean): Promise<LatencySamples> {
  const setup = await setUp(context);
  try {
    const delaysMs: number[] = [];
    let timeouts = 0;
    for (let i = 0; i < samples; i++) {
      const name = `F${i % 20}`;
      const enabled = i % 2 === 0;
      const started = performance.now();
      await setup.writer.kv.set(`${setup.baseKey}/${name}`, encodeDocument(new FeatureFlagStoreItem(name, enabled)));
      if (untilSeen) {
        while (setup.store.getSync(name)?.enabled !== enabled && performance.now() - started < SAMPLE_TIMEOUT_MS) await nextTurn();
      }
      if (!untilSeen || setup.store.getSync(name)?.enabled === enabled) delaysMs.push(performance.now() - started);
      else timeouts++;
      await pause(PAUSE_MS);
    }
    return {
      delaysMs,
      timeouts,
      note: untilSeen
        ? `${setup.where}; delay = the other client's PUT starting → getSync shows the new document (the watch's blocking query answered)`
        : `${setup.where}; the other client's PUT alone, the floor of the row above`,
    };
  } finally {
    await setup.close();
  }
}

export default defineScenario({
  kind: 'latency',
  id: 'consul-propagation',
  title: "Consul: another program's write reaching the store's local copy",
  description:
    "Another Consul client writes a flag's document, as the Python library does; the Consul store's watch (a blocking query on the prefix) brings it into the local copy that isEnabled and isEnabledSync read. Beside it, that PUT's own round trip.",
  order: 95,
  requires: [STORE_CONSUL, CONSUL_KV],
  samples: 200,
  quickSamples: 30,
  subjects: [
    {
      id: 'flipper-consul',
      library: 'flipper (Consul store)',
      call: 'writer: consul.kv.set · reader: store.getSync',
      measure: (context, samples) => measure(context, samples, true),
    },
    {
      id: 'consul-put',
      library: 'consul driver (no flipper)',
      call: 'consul.kv.set',
      measure: (context, samples) => measure(context, samples, false),
    },
  ],
});
