import { ensureCommands } from '@flipper-client/system-packages';

/**
 * Makes sure `redis-server` and `redis-cli` are on PATH, installing Debian's `redis-server` and
 * `redis-tools` when they are missing; throws a `MissingSystemPackageError` naming them when
 * that cannot be done.
 */
export function ensureRedisServer(): void {
  ensureCommands({
    purpose: 'the tests that start Redis',
    commands: ['redis-server', 'redis-cli'],
    debianPackages: ['redis-server', 'redis-tools'],
  });
}
