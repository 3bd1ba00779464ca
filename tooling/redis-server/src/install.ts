import { spawnSync } from 'node:child_process';

function hasCommand(command: string): boolean {
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore', env: process.env });
  return probe.error === undefined && probe.status === 0;
}

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 300_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error !== undefined) return { ok: false, output: `${result.error.message}\n${output}` };
  return { ok: result.status === 0, output };
}

let checked = false;

/**
 * Makes sure `redis-server` and `redis-cli` are on PATH, installing Debian's `redis-server` and
 * `redis-tools` with apt-get when they are missing (the tests run as root). Throws with apt's
 * output when that fails. Several test processes may call it at once: apt-get waits for the
 * dpkg lock instead of failing.
 */
export function ensureRedisServer(): void {
  if (checked || (hasCommand('redis-server') && hasCommand('redis-cli'))) {
    checked = true;
    return;
  }
  const lockWait = ['-o', 'DPkg::Lock::Timeout=120'];
  const steps: [string, string[]][] = [
    ['apt-get', [...lockWait, 'update']],
    ['apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', 'redis-server', 'redis-tools']],
  ];
  for (const [command, args] of steps) {
    const result = run(command, args);
    if (!result.ok) {
      throw new Error(
        `redis-server tooling: redis-server is not installed and \`${command} ${args.join(' ')}\` failed ` +
          `(install it with: apt-get update && apt-get install -y redis-server redis-tools):\n${result.output.slice(-2000)}`,
      );
    }
  }
  if (!hasCommand('redis-server') || !hasCommand('redis-cli')) {
    throw new Error('redis-server tooling: apt-get succeeded but redis-server or redis-cli is still not on PATH');
  }
  checked = true;
}
