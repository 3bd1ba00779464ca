// How long a write made through another client takes to reach the store's local copy.
// Run after a build: node packages/store-consul/bench/propagation.mjs [samples]
// Against a real Consul: CONSUL_HTTP_ADDR=127.0.0.1:8500 node ...
import { startConsulKv } from '@flipper-client/consul-kv';
import { encodeDocument, FeatureFlagStoreItem } from '@flipper-client/core';
import Consul from 'consul';
import { ConsulFeatureFlagStore } from '../dist/index.js';

const samples = Number(process.argv[2] ?? 300);
const real = process.env.CONSUL_HTTP_ADDR;
const endpoint = real ? undefined : await startConsulKv({ maxRecordedRequests: 0 });
const [host, port] = real ? real.replace(/^https?:\/\//, '').split(':') : [endpoint.host, String(endpoint.port)];
const consul = new Consul({ host, port: Number(port) });
const raw = new Consul({ host, port: Number(port) });
const baseKey = `flipper-ts-bench/${process.pid}`;
const store = new ConsulFeatureFlagStore(consul, { baseKey });
await store.ready();

// Timed from the start of the write: the PUT's own round trip is measured beside it.
const waits = [];
const puts = [];
for (let i = 0; i < samples; i++) {
  const name = `F${i % 20}`;
  const enabled = i % 2 === 0;
  const started = performance.now();
  await raw.kv.set(`${baseKey}/${name}`, encodeDocument(new FeatureFlagStoreItem(name, enabled)));
  puts.push(performance.now() - started);
  while (store.getSync(name)?.enabled !== enabled) await new Promise((resolve) => setImmediate(resolve));
  waits.push(performance.now() - started);
  // Let the watch go back to blocking, as it would between real, spaced-out writes.
  await new Promise((resolve) => setTimeout(resolve, 60));
}
const summary = (values) => {
  values.sort((a, b) => a - b);
  const at = (q) => values[Math.min(values.length - 1, Math.floor(q * values.length))].toFixed(2);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms, max ${values.at(-1).toFixed(2)} ms`;
};
console.log(`${real ? `consul at ${real}` : 'test endpoint'}, ${samples} writes by another client`);
console.log(`  PUT round trip:                 ${summary(puts)}`);
console.log(`  write start -> in local copy:   ${summary(waits)}`);

await store.close();
await raw.kv.del({ key: `${baseKey}/`, recurse: true });
consul.destroy();
raw.destroy();
await endpoint?.stop();
