import { EXIT, UsageError, type ExitCode } from './errors.js';
import { openStore, type OpenedStore } from './open-store.js';
import type { Output } from './output.js';
import { parseStoreUrl } from './store-url.js';

/** The options every command takes (`flipper --help` lists them). */
export interface GlobalOptions {
  readonly store?: string;
  readonly json?: boolean;
  readonly timeout: number;
  readonly progress: boolean;
}

/** What a command runs with. Commands return their exit code, or throw (see `errors.ts`). */
export interface CommandContext {
  readonly output: Output;
  readonly globals: GlobalOptions;
}

export type CommandResult = Promise<ExitCode>;

export const NO_STORE_HELP = 'pass --store URL or set FLIPPER_STORE (memory:, file:flags.json, redis://127.0.0.1:6379, consul://127.0.0.1:8500/features, s3://bucket, thrift://127.0.0.1:9090)';

/** The store URL of `--store`, else of `FLIPPER_STORE`. */
export function storeUrlOf(globals: GlobalOptions): string {
  const url = globals.store ?? process.env['FLIPPER_STORE'];
  if (url === undefined || url.trim() === '') throw new UsageError(`no store given: ${NO_STORE_HELP}`);
  return url;
}

/** Opens the store `url` names, runs `run` with it and closes it whatever happens, so the process ends promptly. */
export async function withStore<T>(
  context: CommandContext,
  url: string,
  run: (opened: OpenedStore) => Promise<T>,
  options: { forWatch?: boolean } = {},
): Promise<T> {
  const opened = await openStore(parseStoreUrl(url), { timeoutMs: context.globals.timeout, forWatch: options.forWatch ?? false });
  try {
    return await run(opened);
  } finally {
    await opened.close().catch(() => undefined);
  }
}

export const OK: ExitCode = EXIT.ok;
