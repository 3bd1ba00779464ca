import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port.js';
import { ensureRedisServer } from './install.js';
import { sendCommand } from './resp.js';

export interface StartRedisOptions {
  /** A fixed port; by default a free loopback port (retried when another process takes it first). */
  port?: number;
  /** More `redis-server` arguments, e.g. `['--requirepass', 'secret']` or `['--rename-command', 'CONFIG', '']`. */
  args?: readonly string[];
  /** How long to wait for the first PONG; default 10 s. */
  startTimeoutMs?: number;
  /** The port + 10000 must be free too (the cluster bus). Set by `startRedisCluster`. */
  clusterBus?: boolean;
}

/** One `redis-server` child process on loopback. */
export interface RedisServer {
  readonly host: string;
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** The data directory (a temp dir, removed by `stop`). */
  readonly dir: string;
  /** Whether the process is up (false after `kill`, `stop`, and while paused it is still true). */
  readonly running: boolean;
  /** Stops gracefully (SIGTERM), waits for the exit and removes the data dir. Final; harmless twice. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; `restart` brings it back. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same arguments and dir (stopping it first if up). */
  restart(): Promise<void>;
  /** SIGSTOP: connections stay open but nothing answers (a hung server). */
  pause(): void;
  /** SIGCONT after `pause`. */
  resume(): void;
}

const HOST = '127.0.0.1';
const LOG_TAIL_LINES = 30;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A test run that dies without its afterAll must not leave servers behind.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

function serverArgs(port: number, dir: string, extra: readonly string[]): string[] {
  return [
    '--port', String(port),
    '--bind', HOST,
    '--save', '',
    '--appendonly', 'no',
    '--daemonize', 'no',
    '--dir', dir,
    '--logfile', '',
    ...extra,
  ];
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

class RedisProcess implements RedisServer {
  readonly host = HOST;
  private child: ChildProcess | undefined;
  private stopped = false;
  private log: string[] = [];

  constructor(
    public port: number,
    readonly dir: string,
    private readonly extraArgs: readonly string[],
    private readonly startTimeoutMs: number,
  ) {}

  get url(): string {
    return `redis://${HOST}:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves once it answers PING; rejects when it exits first. */
  async launch(): Promise<void> {
    this.log = [];
    const child = spawn('redis-server', serverArgs(this.port, this.dir, this.extraArgs), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    live.add(child);
    const remember = (chunk: Buffer): void => {
      this.log.push(...chunk.toString('utf8').split('\n').filter((line) => line.length > 0));
      this.log.splice(0, Math.max(0, this.log.length - LOG_TAIL_LINES));
    };
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
    child.once('exit', () => live.delete(child));
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    spawnError.catch(() => undefined);

    const deadline = Date.now() + this.startTimeoutMs;
    for (;;) {
      if (!this.running) {
        await Promise.race([waitForExit(child), spawnError]);
        throw new Error(`redis-server on port ${this.port} exited at start:\n${this.log.join('\n')}`);
      }
      // Any reply counts, even NOAUTH from a server started with --requirepass.
      const answered = await sendCommand(this.port, ['PING'], 500).then(
        () => true,
        () => false,
      );
      if (answered) return;
      if (Date.now() > deadline) {
        await this.halt('SIGKILL');
        throw new Error(`redis-server on port ${this.port} did not answer PING within ${this.startTimeoutMs} ms:\n${this.log.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async halt(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child === undefined || !this.running) return;
    if (signal !== 'SIGKILL') child.kill('SIGCONT');
    child.kill(signal);
    await waitForExit(child);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.halt('SIGTERM');
    rmSync(this.dir, { recursive: true, force: true });
  }

  async kill(): Promise<void> {
    await this.halt('SIGKILL');
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error(`redis-server on port ${this.port} was stopped; start a new one`);
    await this.halt('SIGTERM');
    // The port is ours by right but another process may have bound it meanwhile: retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.launch();
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  pause(): void {
    if (this.running) this.child?.kill('SIGSTOP');
  }

  resume(): void {
    if (this.running) this.child?.kill('SIGCONT');
  }
}

/**
 * Starts `redis-server` on a free loopback port, without persistence (`--save '' --appendonly
 * no`), as a child process (not daemonized) so that tests can kill and restart it; resolves
 * once it answers PING. Installs Redis from Debian first when it is missing.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  ensureRedisServer();
  installExitHook();
  const attempts = options.port === undefined ? 5 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port ?? (await findFreePort({ clusterBus: options.clusterBus ?? false }));
    const dir = mkdtempSync(join(tmpdir(), `redis-${port}-`));
    const server = new RedisProcess(port, dir, options.args ?? [], options.startTimeoutMs ?? 10_000);
    try {
      await server.launch();
      return server;
    } catch (error) {
      // Most likely a port taken between the check and the bind: try another one.
      lastError = error;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw lastError;
}
