import { InvalidArgumentError, resolveHistoryRetention, type HistoryRetention, type ResolvedHistoryRetention } from '@flipper-client/core/store';

/** Where the store's log lines go: a console, pino, winston, ... Silent by default. */
export interface FileStoreLogger {
  /** The file turned invalid (the last good copy keeps serving), or a watch could not be set up. */
  warn(message: string): void;
  /** The file is a flag file again. */
  info(message: string): void;
}

export interface FileStoreOptions {
  /** How long a write waits for another process's lock on the file; default 5000 ms. */
  lockTimeoutMs?: number;
  /**
   * Watch the file from the first read on, so that an edit by anyone (an editor, `git pull`,
   * another process) reaches the change feed and the next read within a second, and a file
   * edited into something invalid is reported as soon as it lands; default true. The watch does
   * not keep the process alive unless a change listener is subscribed. `false` suits one-shot
   * tools: the file is still read afresh on every call, and `watch(listener)` still works.
   */
  watch?: boolean;
  /** Log lines about the file (see {@link FileStoreLogger}); default silent. */
  logger?: FileStoreLogger;
  /**
   * History kept in `<file>.history.jsonl` beside the file (see the README's "History"): how
   * much per flag (default 1,000 entries, no age limit), or `false` for none.
   */
  history?: HistoryRetention | false;
}

export interface ResolvedFileStoreOptions {
  readonly path: string;
  readonly lockTimeoutMs: number;
  readonly watch: boolean;
  readonly logger: FileStoreLogger;
  readonly history: ResolvedHistoryRetention | undefined;
}

function silent(): void {}

const SILENT_LOGGER: FileStoreLogger = { warn: silent, info: silent };

/** Fills in defaults and rejects nonsense before anything touches the file system. */
export function resolveOptions(path: string, options: FileStoreOptions): ResolvedFileStoreOptions {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new InvalidArgumentError(`file store: path must be a non-empty string, got ${JSON.stringify(path)}`);
  }
  const lockTimeoutMs = options.lockTimeoutMs ?? 5000;
  if (!Number.isFinite(lockTimeoutMs) || lockTimeoutMs <= 0) {
    throw new InvalidArgumentError(`file store: lockTimeoutMs must be a positive number of milliseconds, got ${lockTimeoutMs}`);
  }
  const watch = options.watch ?? true;
  if (typeof watch !== 'boolean') throw new InvalidArgumentError(`file store: watch must be true or false, got ${JSON.stringify(watch)}`);
  const logger = options.logger ?? SILENT_LOGGER;
  if (typeof logger.warn !== 'function' || typeof logger.info !== 'function') {
    throw new InvalidArgumentError('file store: logger must have warn(message) and info(message) functions');
  }
  const history = options.history === false ? undefined : resolveHistoryRetention('file store', options.history ?? {});
  return { path, lockTimeoutMs, watch, logger, history };
}
