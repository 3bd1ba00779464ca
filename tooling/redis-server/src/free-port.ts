import { createServer } from 'node:net';

/** Whether `port` can be bound on loopback right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function ephemeralPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Cluster nodes also bind port + 10000 (the cluster bus), so their ports must stay below 55536.
const HIGHEST_CLUSTER_PORT = 65535 - 10000;

/**
 * A loopback port that is free now, asked of the kernel (port 0) so that packages testing in
 * parallel do not collide. With `clusterBus`, port + 10000 is free too. Another process may
 * still take the port before Redis binds it: callers retry a start that fails to bind.
 */
export async function findFreePort(options: { clusterBus?: boolean; host?: string } = {}): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await ephemeralPort(host);
    if (!options.clusterBus) return port;
    if (port <= HIGHEST_CLUSTER_PORT && (await isPortFree(port + 10000, host))) return port;
  }
  throw new Error('redis-server tooling: found no free loopback port');
}
