import { ConsulKvServer, type ConsulKvOptions, type RecordedRequest, type RestartOptions } from './consul-kv-server.js';

/** A running endpoint. */
export interface ConsulKvHandle {
  readonly host: string;
  readonly port: number;
  /** `http://host:port`, without the `/v1` suffix. */
  readonly url: string;
  /** `host:port`, the form `CONSUL_HTTP_ADDR` takes. */
  readonly address: string;
  /** The newest requests, oldest first (see `maxRecordedRequests`). */
  readonly requests: readonly RecordedRequest[];
  /** The newest Raft index: it grows with every write request. */
  readonly lastIndex: number;
  /** False between `stop()` and the next `restart()`. */
  readonly running: boolean;
  clearRequests(): void;
  /** Closes the listener and drops every connection, in-flight blocking queries included. */
  stop(): Promise<void>;
  /**
   * Stops, then listens again on the same port. `keepData: false` comes back empty with the
   * index restarted, so clients see it go backwards, as after a Consul cluster is rebuilt.
   */
  restart(options?: RestartOptions): Promise<void>;
}

/** Starts a Consul KV endpoint on loopback (a free port unless `port` is given). */
export async function startConsulKv(options: ConsulKvOptions = {}): Promise<ConsulKvHandle> {
  const server = new ConsulKvServer(options);
  const host = options.host ?? '127.0.0.1';
  const { port } = await server.listen(options.port ?? 0, host);
  let running = true;
  return {
    host,
    port,
    url: `http://${host}:${port}`,
    address: `${host}:${port}`,
    get requests() {
      return server.requests;
    },
    get lastIndex() {
      return server.lastIndex;
    },
    get running() {
      return running;
    },
    clearRequests() {
      server.requests.length = 0;
    },
    async stop() {
      running = false;
      await server.close();
    },
    async restart(restartOptions: RestartOptions = {}) {
      if (running) await server.close();
      if (restartOptions.keepData === false) server.reset();
      await server.listen(port, host);
      running = true;
    },
  };
}
