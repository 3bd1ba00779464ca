import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreSpec } from '../store-spec.js';
import { THRIFT_SERVER_CONFIG, type ThriftServerConfig, type ThriftServerMessage } from './protocol.js';

const SERVER_SCRIPT = fileURLToPath(new URL('../../dist/thrift-server/main.js', import.meta.url));

export interface ThriftServerOptions {
  /** What the server exposes; default a memory store of its own (lost when the process dies). */
  backing?: StoreSpec;
  transport?: 'buffered' | 'framed';
  getDelayMs?: number;
  port?: number;
}

/** A Thrift server in a process of its own. */
export interface ThriftServerProcess {
  readonly host: string;
  /** Fixed for the life of the handle: `restart` comes back on it. */
  readonly port: number;
  readonly running: boolean;
  /** The pid of the current server process. */
  readonly pid: number | undefined;
  /** What the server's `onError` reported so far (across restarts). */
  readonly serverErrors: readonly { name: string; message: string }[];
  /** SIGKILL, as a crash would: connections die without a goodbye. */
  kill(): Promise<void>;
  /** A new server process on the same port (options may change, e.g. no more delay). */
  restart(options?: Pick<ThriftServerOptions, 'getDelayMs'>): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function launch(config: ThriftServerConfig, errors: { name: string; message: string }[]): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(SERVER_SCRIPT, [], {
    execArgv: [],
    env: { ...process.env, NODE_OPTIONS: '', [THRIFT_SERVER_CONFIG]: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: ThriftServerMessage) => {
    if (message.type === 'server-error') errors.push({ name: message.name, message: message.message });
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('thrift server process did not listen within 20 s')), 20_000);
    child.once('exit', (code, signal) => reject(new Error(`thrift server process exited (${signal ?? code}) before listening`)));
    child.on('message', (message: ThriftServerMessage) => {
      if (message.type === 'listening') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(message.port);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`thrift server process failed: ${message.message}`));
      }
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited(child);
    throw error;
  });
  return { child, port };
}

/** Starts `createFeatureFlagStoreServer` in a child process on a loopback port. */
export async function startThriftServer(options: ThriftServerOptions = {}): Promise<ThriftServerProcess> {
  let config: ThriftServerConfig = {
    port: options.port ?? 0,
    transport: options.transport ?? 'buffered',
    backing: options.backing ?? { kind: 'memory' },
    getDelayMs: options.getDelayMs ?? 0,
  };
  const serverErrors: { name: string; message: string }[] = [];
  const launched = await launch(config, serverErrors);
  const port = launched.port;
  let child = launched.child;
  config = { ...config, port };
  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited(child);
  };
  return {
    host: '127.0.0.1',
    port,
    get running() {
      return child.exitCode === null && child.signalCode === null;
    },
    get pid() {
      return child.pid;
    },
    serverErrors,
    kill: () => halt('SIGKILL'),
    stop: () => halt('SIGTERM'),
    async restart(restartOptions = {}) {
      await halt('SIGTERM');
      config = { ...config, getDelayMs: restartOptions.getDelayMs ?? config.getDelayMs };
      ({ child } = await launch(config, serverErrors));
    },
  };
}
