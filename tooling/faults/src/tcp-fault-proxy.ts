import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

type Mode = 'forward' | 'blackhole';

/**
 * A TCP forwarder on a loopback port of its own, in front of a backend, that makes the network
 * fail on demand without touching the backend:
 * - `cut()`: every connection is reset and the port refuses new ones (the backend "is down" for
 *   clients that go through the proxy, and up for everyone else);
 * - `blackhole()`: connections are accepted and bytes swallowed, nothing answers (a hung backend
 *   or a silent partition);
 * - `restore()`: listens again on the same port and forwards.
 * Useful where the backend cannot be restarted with its data (the S3 server), and to take a
 * backend away from one client while another keeps writing to it.
 */
export class TcpFaultProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private mode: Mode = 'forward';
  private portNumber = 0;

  private constructor(private readonly target: ProxyTarget) {}

  static async start(target: ProxyTarget, port = 0): Promise<TcpFaultProxy> {
    const proxy = new TcpFaultProxy(target);
    await proxy.listen(port);
    return proxy;
  }

  get port(): number {
    return this.portNumber;
  }

  get host(): string {
    return '127.0.0.1';
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://${this.host}:${this.port}`;
  }

  get state(): 'forwarding' | 'blackholed' | 'cut' {
    if (this.server === undefined) return 'cut';
    return this.mode === 'forward' ? 'forwarding' : 'blackholed';
  }

  /** Resets every connection and stops listening. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Keeps connections open and swallows their bytes; new connections are accepted the same way. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const socket of this.sockets) {
      socket.unpipe();
      socket.resume();
    }
  }

  /**
   * Forwards again: listens on the same port after a `cut`. Connections swallowed by a black hole
   * are reset (their protocol state is lost), as a partition that heals would leave them.
   */
  async restore(): Promise<void> {
    if (this.mode === 'blackhole') {
      this.mode = 'forward';
      await this.cut();
    }
    this.mode = 'forward';
    if (this.server === undefined) await this.listen(this.portNumber);
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((client) => this.accept(client));
    // The port is ours by right, but another process may grab it while we are cut: retry a bit.
    for (let attempt = 1; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (error) {
        if (attempt >= 10 || port === 0) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
    this.server = server;
    const address = server.address();
    if (address !== null && typeof address === 'object') this.portNumber = address.port;
  }

  private accept(client: Socket): void {
    this.track(client);
    client.on('error', () => undefined);
    if (this.mode === 'blackhole') {
      client.resume();
      return;
    }
    const upstream = createConnection({ host: this.target.host, port: this.target.port });
    this.track(upstream);
    upstream.on('error', () => client.resetAndDestroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
