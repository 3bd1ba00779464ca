/**
 * The server process: s3rver on a free loopback port, its PutObject made durable before it
 * answers (see `durable-put.ts`), optionally behind the conditional-write front. Started by
 * `startS3Server` with `--openssl-legacy-provider` (s3rver encrypts continuation tokens with
 * DES, which OpenSSL 3 only offers through the legacy provider).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { createConditionalWriteFront } from './conditional-write-front.js';
import { makePutsDurable } from './durable-put.js';
import { CONFIG_VARIABLE, type LauncherMessage, type ServerProcessConfig, type ServerProcessMessage } from './protocol.js';

function send(message: ServerProcessMessage): void {
  process.send?.(message);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env[CONFIG_VARIABLE] ?? '{}') as ServerProcessConfig;
  const s3rver = new S3rver({ directory: config.directory, silent: true, resetOnClose: false });
  makePutsDurable(s3rver.store);
  const app = s3rver.callback();
  let port = 0;
  const front = config.conditionalWrites ? createConditionalWriteFront(app, () => port) : undefined;
  const server = createServer(front?.handler ?? app);
  port = await listen(server);

  const shutdown = (): void => {
    front?.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('message', (message: LauncherMessage) => {
    if (message.type === 'stop') shutdown();
  });
  // The launcher is gone (a test runner killed without cleanup): do not outlive it.
  process.on('disconnect', shutdown);
  send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
