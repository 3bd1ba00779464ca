import { expect } from '@jest/globals';
import { compareHistoryIds, type HistoryEntry } from '@flipper-client/core/store';

/** Every page of a flag's history, newest first, read `pageSize` at a time. */
export async function allEntries(
  read: (options: { limit: number; before?: string }) => Promise<HistoryEntry[]>,
  pageSize = 7,
): Promise<HistoryEntry[]> {
  const all: HistoryEntry[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await read({ limit: pageSize, ...(before === undefined ? {} : { before }) });
    all.push(...page);
    if (page.length < pageSize) return all;
    before = page[page.length - 1]!.id;
  }
}

/**
 * The chain of one flag's entries (newest first) is consistent: ids strictly decrease, each
 * entry's `before` is the `after` of the entry just older, the newest `after` is `stored`.
 */
export function expectConsistentChain(entries: readonly HistoryEntry[], stored: string | null): void {
  expect(entries.length).toBeGreaterThan(0);
  expect(entries[0]!.after).toBe(stored);
  for (let i = 0; i + 1 < entries.length; i++) {
    const newer = entries[i]!;
    const older = entries[i + 1]!;
    expect(compareHistoryIds(newer.id, older.id)).toBeGreaterThan(0);
    expect(newer.at).toBeGreaterThanOrEqual(older.at - 1000);
    if (newer.before !== older.after) {
      throw new Error(`history chain broken between ${older.id} and ${newer.id}: ${newer.before} is not ${older.after}`);
    }
  }
}
