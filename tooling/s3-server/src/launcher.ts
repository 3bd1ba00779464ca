import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLE, type LauncherMessage, type ServerProcessConfig, type ServerProcessMessage } from './protocol.js';

export interface S3ServerOptions {
  /**
   * Put the conditional-write front before s3rver, so that `If-Match` / `If-None-Match` on
   * PutObject behave as on Amazon S3. Default false: plain s3rver, which ignores them.
   */
  conditionalWrites?: boolean;
  /** Buckets to create once the server is up. */
  buckets?: readonly string[];
  /** How long the server may take to start; default 15 s. */
  startTimeoutMs?: number;
}

export interface S3Server {
  /** `http://127.0.0.1:<port>`, for the S3 client's `endpoint` (with `forcePathStyle: true`). */
  readonly endpoint: string;
  readonly port: number;
  /** Whether the conditional-write front is in place. */
  readonly conditionalWrites: boolean;
  /** Creates a bucket (an anonymous CreateBucket, which s3rver accepts). */
  createBucket(name: string): Promise<void>;
  /** Freezes the server process (SIGSTOP): connections open, nothing answers. */
  pause(): void;
  /** Thaws a paused server process (SIGCONT). */
  resume(): void;
  /** Closes the server, waits for its process to exit and removes its data. Safe to call twice. */
  stop(): Promise<void>;
  /** Kills the server process at once (SIGKILL), as a crash would, and removes its data. */
  kill(): Promise<void>;
}

/** Credentials s3rver accepts; any SigV4 signature made with them verifies. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

// From src/ (under ts-jest) and from dist/ alike, the compiled server process is in dist/.
const SERVER_PROCESS = fileURLToPath(new URL('../dist/s3-server-process.js', import.meta.url));

function waitForReady(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (message: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      const log = stderr();
      reject(new Error(`s3-server: ${message}${log === '' ? '' : `\n${log}`}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`the server process exited (${signal ?? code}) before it was ready`));
    child.once('error', (error) => fail(error.message));
    child.on('message', (message: ServerProcessMessage) => {
      if (message.type === 'failed') fail(message.message);
      if (message.type === 'ready') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(message.port);
      }
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts s3rver in a child process on a free loopback port, with its data in a temporary directory. */
export async function startS3Server(options: S3ServerOptions = {}): Promise<S3Server> {
  const conditionalWrites = options.conditionalWrites ?? false;
  const directory = await mkdtemp(join(tmpdir(), 'flipper-s3rver-'));
  const config: ServerProcessConfig = { directory, conditionalWrites };
  let log = '';
  const child = fork(SERVER_PROCESS, [], {
    execArgv: [],
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider', [CONFIG_VARIABLE]: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  let port: number;
  try {
    port = await waitForReady(child, options.startTimeoutMs ?? 15_000, () => log);
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  let finished: Promise<void> | undefined;

  const finish = (how: 'stop' | 'kill'): Promise<void> => {
    finished ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        if (how === 'kill' || !child.connected) child.kill('SIGKILL');
        else child.send({ type: 'stop' } satisfies LauncherMessage);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited(child);
        clearTimeout(timer);
      }
      child.stderr?.destroy();
      if (child.connected) child.disconnect();
      await rm(directory, { recursive: true, force: true });
    })();
    return finished;
  };

  const server: S3Server = {
    endpoint,
    port,
    conditionalWrites,
    async createBucket(name) {
      const response = await fetch(`${endpoint}/${encodeURIComponent(name)}`, { method: 'PUT' });
      const body = await response.text();
      if (!response.ok) throw new Error(`s3-server: creating bucket ${name} failed (${response.status}): ${body}`);
    },
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: () => finish('stop'),
    kill: () => finish('kill'),
  };
  try {
    for (const bucket of options.buckets ?? []) await server.createBucket(bucket);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
