import {
  compareHistoryIds,
  resolveHistoryReadOptions,
  type HistoryEntry,
  type HistoryReadOptions,
} from '@flipper-client/core/store';
import type { FileEntries } from './file-format.js';
import type { HistoryFile } from './history-file.js';
import type { HistoryLine } from './history-lines.js';

function entryOf(line: HistoryLine): HistoryEntry {
  const { id, at, actor, action, featureName, before, after } = line;
  return Object.freeze({ id, at, actor, action, featureName, before, after });
}

/** Newest first, older than `before`, at most `limit`, of lines held oldest first. */
function page(lines: readonly HistoryLine[], options: HistoryReadOptions | undefined): HistoryEntry[] {
  const { limit, before } = resolveHistoryReadOptions(options);
  const result: HistoryEntry[] = [];
  for (let i = lines.length - 1; i >= 0 && result.length < limit; i--) {
    const line = lines[i]!;
    if (before === undefined || compareHistoryIds(line.id, before) < 0) result.push(entryOf(line));
  }
  return result;
}

/**
 * The reads of the history file. The flag file is read first and the history file after it:
 * a write landing in between then shows its entries with its change, never a change of the
 * flag file without its entry (a torn batch, the one case the other order could show, is
 * recognised against the flag file read first and left out).
 */
export class FileHistoryReads {
  constructor(
    private readonly file: HistoryFile,
    private readonly flags: () => Promise<FileEntries>,
  ) {}

  async flag(featureName: string, options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    resolveHistoryReadOptions(options);
    const lines = await this.file.visible(await this.flags());
    return page(
      lines.filter((line) => line.featureName === featureName),
      options,
    );
  }

  async acrossFlags(options?: HistoryReadOptions): Promise<HistoryEntry[]> {
    resolveHistoryReadOptions(options);
    return page(await this.file.visible(await this.flags()), options);
  }

  async entry(featureName: string, id: string): Promise<HistoryEntry | undefined> {
    const lines = await this.file.visible(await this.flags());
    const line = lines.find((candidate) => candidate.id === id && candidate.featureName === featureName);
    return line === undefined ? undefined : entryOf(line);
  }
}
