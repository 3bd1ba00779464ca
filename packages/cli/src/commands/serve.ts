import { EXIT } from '../errors.js';
import { jsonLog } from '../serve/json-log.js';
import { serveConfig, type ServeFlags } from '../serve/serve-config.js';
import { storeUrlOf, withStore, type CommandContext, type CommandResult } from '../session.js';

/** The longest a shutdown waits for requests in flight before the process ends anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `flipper serve`: one process serving OFREP (and the admin UI with --admin) over the store
 * until SIGTERM or SIGINT, then a graceful stop: event streams closed, requests in flight
 * answered, the store closed, exit 0.
 */
export async function serveCommand(context: CommandContext, flags: ServeFlags): CommandResult {
  const config = serveConfig(flags);
  const log = jsonLog();
  return withStore(
    context,
    storeUrlOf(context.globals),
    async ({ store, spec }) => {
      // Loaded only here: the other commands start without the admin and OFREP packages.
      const { startServe } = await import('../serve/serve-server.js');
      const running = await startServe(store, spec.display, config, log);
      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      log('info', 'shutting down', { signal });
      const grace = setTimeout(() => {
        log('warn', 'requests still open after the grace period; exiting', { graceMs: SHUTDOWN_GRACE_MS });
        process.exit(EXIT.ok);
      }, SHUTDOWN_GRACE_MS);
      grace.unref();
      await running.shutdown();
      clearTimeout(grace);
      log('info', 'stopped');
      return EXIT.ok;
    },
    { forWatch: true },
  );
}
