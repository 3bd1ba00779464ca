import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * How long after the first event of a burst the file is looked at: an editor's save (write a
 * temporary file, rename it over) or a `git pull` is several events, and one look after them
 * sees the result instead of its steps.
 */
const SETTLE_MS = 20;

/** How often a watch that could not be set up (the folder does not exist yet) is tried again. */
const RETRY_MS = 500;

/**
 * How often the file is looked at with no event at all: a folder shared into a container or over
 * the network may never deliver one. A look at an unchanged file is one `stat`.
 */
const POLL_MS = 500;

/**
 * Watches the file's folder, not the file: an editor or `git` replaces the file by a rename, or
 * deletes and recreates it, and a watch on the file itself would stay on the old inode. Calls
 * `look` once per burst of events for the file (never twice at once: a burst during a look
 * makes one more look afterwards), and every `POLL_MS` besides. Holds the process open only
 * while `held`.
 */
export class FileWatcher {
  private watcher: FSWatcher | undefined;
  private retry: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private looking = false;
  private lookAgain = false;
  private held = false;
  private running = false;

  constructor(
    private readonly path: string,
    private readonly look: () => Promise<void>,
    private readonly warn: (message: string) => void,
  ) {}

  get started(): boolean {
    return this.running;
  }

  /** The folder is being watched now (not waiting to try again). */
  get watching(): boolean {
    return this.watcher !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.open();
    this.poll = setInterval(() => this.schedule(), POLL_MS);
    if (!this.held) this.poll.unref();
  }

  /** Whether the watch keeps the process alive (it does while someone listens for changes). */
  hold(held: boolean): void {
    this.held = held;
    if (held) this.watcher?.ref();
    else this.watcher?.unref();
    for (const timer of [this.retry, this.poll]) {
      if (held) timer?.ref();
      else timer?.unref();
    }
  }

  stop(): void {
    this.running = false;
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.retry);
    clearTimeout(this.settle);
    clearInterval(this.poll);
    this.retry = this.settle = this.poll = undefined;
  }

  private open(): void {
    const file = basename(this.path);
    try {
      this.watcher = watch(dirname(this.path), { persistent: true }, (_event, name) => {
        if (name === null || name === file) this.schedule();
      });
    } catch (error) {
      this.warn(`file store: cannot watch ${dirname(this.path)} (${(error as Error).message}); trying again every ${RETRY_MS} ms`);
      this.retryLater();
      return;
    }
    this.watcher.on('error', (error) => {
      // The folder went away (or the watch broke): watch again once it is back, and look then.
      this.watcher?.close();
      this.watcher = undefined;
      this.warn(`file store: the watch on ${dirname(this.path)} failed (${error.message}); trying again every ${RETRY_MS} ms`);
      this.retryLater();
    });
    if (!this.held) this.watcher.unref();
  }

  private retryLater(): void {
    if (!this.running) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.running) return;
      this.open();
      if (this.watcher !== undefined) this.schedule();
    }, RETRY_MS);
    if (!this.held) this.retry.unref();
  }

  private schedule(): void {
    if (this.settle !== undefined) return;
    this.settle = setTimeout(() => {
      this.settle = undefined;
      void this.run();
    }, SETTLE_MS);
    if (!this.held) this.settle.unref();
  }

  private async run(): Promise<void> {
    if (this.looking) {
      this.lookAgain = true;
      return;
    }
    this.looking = true;
    try {
      do {
        this.lookAgain = false;
        if (!this.running) return;
        await this.look().catch(() => undefined);
      } while (this.lookAgain);
    } finally {
      this.looking = false;
    }
  }
}
