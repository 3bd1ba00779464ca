import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { FileEntries } from './file-format.js';

function changedNames(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names: string[] = [];
  for (const [name, text] of after) if (before.get(name) !== text) names.push(name);
  for (const name of before.keys()) if (!after.has(name)) names.push(name);
  return names;
}

/**
 * The file store's change feed: watches the file's folder (the file is replaced by a rename, so
 * watching the file itself would lose it) and reports every flag whose member text changed since
 * the last look, whoever wrote it. The store reports its own writes through `reportOwnWrite`
 * before they resolve.
 */
export class FileFeed {
  private watcher: FSWatcher | undefined;
  private known: FileEntries | undefined;
  private checking = false;
  private checkAgain = false;

  constructor(
    private readonly path: string,
    private readonly read: () => Promise<FileEntries>,
    private readonly notify: (featureName: string) => void,
  ) {}

  start(current: FileEntries | undefined): void {
    if (this.watcher !== undefined) return;
    const file = basename(this.path);
    this.known = current;
    this.watcher = watch(dirname(this.path), (_event, name) => {
      if (name === null || name === file) void this.check();
    });
    this.watcher.on('error', () => undefined);
    if (current === undefined) void this.check();
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
    this.known = undefined;
  }

  reportOwnWrite(before: FileEntries, after: FileEntries): void {
    if (this.watcher === undefined) return;
    const names = changedNames(this.known ?? before, after);
    this.known = after;
    for (const name of names) this.notify(name);
  }

  private async check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.checkAgain = false;
        let current: FileEntries;
        try {
          current = await this.read();
        } catch {
          continue; // a file edited by hand into something unreadable: look again at its next change
        }
        if (this.watcher === undefined) return;
        const names = this.known === undefined ? [] : changedNames(this.known, current);
        this.known = current;
        for (const name of names) this.notify(name);
      } while (this.checkAgain);
    } finally {
      this.checking = false;
    }
  }
}
