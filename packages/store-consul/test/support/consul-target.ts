import { startConsulKv, type ConsulKvHandle, type ConsulKvOptions } from '@flipper-client/consul-kv';
import Consul from 'consul';

/**
 * Where the tests find Consul: the endpoint from `@flipper-client/consul-kv`, started here on a
 * free port, or a real agent when `CONSUL_HTTP_ADDR` is set (then nothing is started, and
 * `CONSUL_HTTP_TOKEN` is sent when set). Tests that must restart the server or count its
 * requests need the endpoint and are registered only then.
 */
export const REAL_CONSUL_ADDR = process.env['CONSUL_HTTP_ADDR'] || undefined;
export const ON_ENDPOINT = REAL_CONSUL_ADDR === undefined;

export interface ConsulTarget {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** The test endpoint; undefined against a real Consul. */
  readonly endpoint: ConsulKvHandle | undefined;
  /** Token for every store and raw client (`CONSUL_HTTP_TOKEN` against a real Consul). */
  readonly token: string | undefined;
  /** A new `consul` client of its own (its own connections), destroyed by `stop()`. */
  client(): Consul;
  stop(): Promise<void>;
}

export async function startConsulTarget(options: ConsulKvOptions = {}): Promise<ConsulTarget> {
  const clients: Consul[] = [];
  let host: string;
  let port: number;
  let secure = false;
  let endpoint: ConsulKvHandle | undefined;
  let token: string | undefined;
  if (REAL_CONSUL_ADDR !== undefined) {
    const url = new URL(/^[a-z]+:\/\//i.test(REAL_CONSUL_ADDR) ? REAL_CONSUL_ADDR : `http://${REAL_CONSUL_ADDR}`);
    secure = url.protocol === 'https:';
    host = url.hostname;
    port = Number(url.port || (secure ? 443 : 80));
    token = process.env['CONSUL_HTTP_TOKEN'] || undefined;
  } else {
    endpoint = await startConsulKv(options);
    ({ host, port } = endpoint);
    token = options.aclToken;
  }
  return {
    host,
    port,
    secure,
    endpoint,
    token,
    client() {
      const consul = new Consul({ host, port, secure });
      clients.push(consul);
      return consul;
    },
    async stop() {
      for (const consul of clients.splice(0)) consul.destroy();
      await endpoint?.stop();
    },
  };
}

let counter = 0;

/** A base key no other test (nor another run against the same Consul) uses. */
export function uniqueBaseKey(label: string): string {
  counter += 1;
  return `flipper-ts-test/${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

type KvCall = (options: Record<string, unknown>) => Promise<unknown>;

/** Calls the client's KV method with options its 2.x typings leave out (token among them). */
export function kvCall(consul: Consul, method: 'get' | 'set' | 'del', options: Record<string, unknown>): Promise<unknown> {
  return (consul.kv[method] as unknown as KvCall).call(consul.kv, options);
}

/** Writes a document under a key bypassing the store, as another program would. */
export async function putRaw(consul: Consul, key: string, text: string, token?: string): Promise<void> {
  await kvCall(consul, 'set', { key, value: text, token });
}

export async function deleteTree(consul: Consul, prefix: string, token?: string): Promise<void> {
  await kvCall(consul, 'del', { key: `${prefix}/`, recurse: true, token });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
