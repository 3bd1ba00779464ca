import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP front on a fixed loopback port that pipes every connection to a backend port, and can be
 * taken down (connections reset, port closed) and brought back up on the same port: a server
 * restart as the client sees it, while the backend keeps counting what actually arrived.
 */
export interface SwitchableFront {
  readonly port: number;
  down(): Promise<void>;
  up(): Promise<void>;
}

/** `port`: a free port to take (default: any). */
export async function startSwitchableFront(backendPort: number, port = 0): Promise<SwitchableFront> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = (port: number): Promise<number> => {
    const listening = createServer((socket) => {
      const upstream = connect(backendPort, '127.0.0.1');
      sockets.add(socket);
      socket.on('close', () => {
        sockets.delete(socket);
        // Closed, not reset: the thrift library's server does not expect a reset.
        upstream.end();
      });
      for (const end of [socket, upstream]) end.on('error', () => undefined);
      socket.pipe(upstream).pipe(socket);
    });
    server = listening;
    return new Promise((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, '127.0.0.1', () => resolve((listening.address() as AddressInfo).port));
    });
  };
  const frontPort = await listen(port);
  return {
    port: frontPort,
    down: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.resetAndDestroy();
        if (server === undefined) return resolve();
        server.close(() => resolve());
        server = undefined;
      }),
    up: async () => {
      await listen(frontPort);
    },
  };
}
