import { spawnSync } from 'node:child_process';

/** Commands the tests need and the Debian packages that provide them. */
export interface SystemRequirement {
  /** What needs it, for the message: `'the Redis tests'`, `'the admin UI's browser tests'`. */
  readonly purpose: string;
  /** Commands that must answer `--version` (found on PATH, or as absolute paths). */
  readonly commands: readonly string[];
  /** The Debian packages that install them. */
  readonly debianPackages: readonly string[];
}

/** A requirement that could not be met: the message names what to install and why it failed. */
export class MissingSystemPackageError extends Error {
  override readonly name = 'MissingSystemPackageError';
  readonly requirement: SystemRequirement;

  constructor(requirement: SystemRequirement, detail: string) {
    const packages = requirement.debianPackages.join(' ');
    super(
      `${requirement.commands.join(', ')} (for ${requirement.purpose}) is not installed and could not be installed: ${detail}\n` +
        `Install it with: apt-get update && apt-get install -y ${packages}`,
    );
    this.requirement = requirement;
  }
}

export function hasCommand(command: string): boolean {
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore', env: process.env, timeout: 30_000 });
  return probe.error === undefined && probe.status === 0;
}

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 600_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error !== undefined) return { ok: false, output: `${result.error.message}\n${output}` };
  return { ok: result.status === 0, output };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

const satisfied = new Set<string>();

/**
 * Makes sure every command of `requirement` is installed, installing its Debian packages with
 * apt-get when one is missing. Throws `MissingSystemPackageError` naming the packages when that
 * cannot be done (not root, no apt-get, apt failing): the caller's tests fail with that message
 * and the rest of the suite goes on. Several test processes may call it at once: apt-get waits
 * for the dpkg lock instead of failing.
 */
export function ensureCommands(requirement: SystemRequirement): void {
  const key = requirement.commands.join('\0');
  if (satisfied.has(key)) return;
  if (requirement.commands.every(hasCommand)) {
    satisfied.add(key);
    return;
  }
  if (!isRoot()) throw new MissingSystemPackageError(requirement, 'apt-get needs root and this process is not root');
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  const steps: [string, string[]][] = [
    ['apt-get', [...lockWait, 'update']],
    ['apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', ...requirement.debianPackages]],
  ];
  for (const [command, args] of steps) {
    const result = run(command, args);
    if (!result.ok) {
      throw new MissingSystemPackageError(requirement, `\`${command} ${args.join(' ')}\` failed:\n${result.output.slice(-2000)}`);
    }
  }
  const stillMissing = requirement.commands.filter((command) => !hasCommand(command));
  if (stillMissing.length > 0) {
    throw new MissingSystemPackageError(requirement, `apt-get succeeded but ${stillMissing.join(', ')} still does not run`);
  }
  satisfied.add(key);
}
