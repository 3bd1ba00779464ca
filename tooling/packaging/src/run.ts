import { spawn } from 'node:child_process';

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for tools run on a consumer project: without what pnpm and Jest set for the
 * test itself (npm_* settings, NODE_OPTIONS), which would otherwise leak into npm and node.
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key) && key !== 'NODE_OPTIONS' && key !== 'INIT_CWD'),
  );
}

export function run(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs and resolves to stdout; rejects with the command and its output when it exits non-zero. */
export async function runOrThrow(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited ${result.status}:\n${result.stdout}${result.stderr}`.slice(0, 20_000));
  }
  return result.stdout;
}

/** Maps over `items` with at most `limit` calls in flight (the machine has 2 cores). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
