#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startConsulKv } from './start.js';

const USAGE = `usage: consul-kv [--port N] [--host H] [--acl-token T] [--datacenter DC]

Serves Consul's KV HTTP API (/v1/kv/...) from memory until interrupted.
Point a client at it with CONSUL_HTTP_ADDR=<host>:<port>.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8500' },
      host: { type: 'string', default: '127.0.0.1' },
      'acl-token': { type: 'string' },
      datacenter: { type: 'string', default: 'dc1' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const kv = await startConsulKv({
    port,
    host: values.host,
    datacenter: values.datacenter,
    maxRecordedRequests: 0,
    ...(values['acl-token'] === undefined ? {} : { aclToken: values['acl-token'] }),
  });
  process.stdout.write(`consul-kv listening on ${kv.url} (CONSUL_HTTP_ADDR=${kv.address})\n`);
  const shutdown = (): void => {
    void kv.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`consul-kv: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
