import { startRedisProcess, type RedisProcess } from './redis-process.js';
import {
  findWorkspacePackage,
  importPackageByName,
  requireFromPackageNamed,
  type WorkspacePackage,
} from './workspace-packages.js';

/** What a scenario may ask the runner for: settings, workspace packages, shared services. */
export interface RunContext {
  readonly quick: boolean;
  /** The workspace package, or undefined when it is not in the workspace yet. */
  findPackage(name: string): WorkspacePackage | undefined;
  /** Imports a package the scenario `requires`; throws a clear error if it cannot. */
  importPackage<T>(name: string): Promise<T>;
  /** A dependency resolved from a workspace package's folder (the driver it peer-depends on). */
  requireFrom<T>(packageName: string, dependency: string): T;
  /** One Redis server for the whole run, started on first use. */
  redis(): Promise<RedisProcess>;
  /** Registers work to do when the run ends (close clients, stop servers). */
  onCleanup(task: () => Promise<void> | void): void;
}

export interface OwnedRunContext extends RunContext {
  cleanup(): Promise<void>;
}

export function createRunContext(options: { quick: boolean }): OwnedRunContext {
  const cleanups: Array<() => Promise<void> | void> = [];
  let redis: Promise<RedisProcess> | undefined;

  return {
    quick: options.quick,
    findPackage: (name) => findWorkspacePackage(name),
    importPackage: (name) => importPackageByName(name),
    requireFrom: (packageName, dependency) => requireFromPackageNamed(packageName, dependency),
    redis() {
      if (redis === undefined) {
        redis = startRedisProcess();
        const started = redis;
        cleanups.push(async () => (await started.catch(() => undefined))?.stop());
      }
      return redis;
    },
    onCleanup(task) {
      cleanups.push(task);
    },
    async cleanup() {
      // Last registered first: clients close before the server they talk to stops.
      for (const task of cleanups.reverse()) {
        try {
          await task();
        } catch (error) {
          console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      cleanups.length = 0;
    },
  };
}
