import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built binary: the tests run what users run, not the functions behind it. */
export const FLIPPER_BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface FlipperRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Added to the environment (FLIPPER_STORE and the test runner's NODE_OPTIONS are not passed on). */
  env?: Record<string, string | undefined>;
  cwd?: string;
  input?: string;
  /** Kill it after this long; default 60 s. */
  timeoutMs?: number;
}

export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['FLIPPER_STORE'];
  delete env['NODE_OPTIONS'];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Spawns `flipper args...` and resolves when it exits, with what it printed. */
export function flipper(args: readonly string[], options: RunOptions = {}): Promise<FlipperRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FLIPPER_BIN, ...args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // A command that exits without reading its input closes the pipe first: not a failure.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    child.stdin.end(options.input ?? '');
  });
}

/** `flipper` that must succeed: rejects with its stderr otherwise. */
export async function flipperOk(args: readonly string[], options: RunOptions = {}): Promise<FlipperRun> {
  const run = await flipper(args, options);
  if (run.code !== 0) throw new Error(`flipper ${args.join(' ')} exited ${run.code}:\n${run.stderr}${run.stdout}`);
  return run;
}

/** A `flipper` that keeps running (watch): its output so far, and a way to wait for more. */
export interface RunningFlipper {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves once `predicate` holds for the output so far; rejects after `timeoutMs`. */
  until(predicate: (stdout: string, stderr: string) => boolean, timeoutMs?: number): Promise<void>;
  readonly exited: Promise<FlipperRun>;
  kill(signal?: NodeJS.Signals): void;
}

export function startFlipper(args: readonly string[], options: RunOptions = {}): RunningFlipper {
  const child = spawn(process.execPath, [FLIPPER_BIN, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const notify = (): void => waiters.forEach((waiter) => waiter());
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), notify()));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), notify()));
  const exited = new Promise<FlipperRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
      notify();
    });
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  void exited.then(() => clearTimeout(timer));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    until(predicate, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): void => {
          if (predicate(stdout, stderr)) {
            waiters.delete(check);
            clearTimeout(giveUp);
            resolve();
          } else if (child.exitCode !== null) {
            waiters.delete(check);
            clearTimeout(giveUp);
            reject(new Error(`flipper ${args.join(' ')} exited ${child.exitCode} first:\n${stderr}${stdout}`));
          }
        };
        const giveUp = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting on flipper ${args.join(' ')}:\n${stderr}${stdout}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
