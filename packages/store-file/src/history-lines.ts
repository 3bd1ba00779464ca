import type { HistoryAction, HistoryEntry, ResolvedHistoryRetention } from '@flipper-client/core/store';

/**
 * One line of `<file>.history.jsonl`: an entry and the batch it was written in. A batch is the
 * entries of one locked rewrite of the flag file (`batch` is the id of its first entry), so the
 * last batch of the file is the only one a crash can have left without its change.
 */
export interface HistoryLine extends HistoryEntry {
  readonly batch: string;
}

/** The lines of a history file's text; a line that does not parse (a torn last append) is skipped. */
export function parseHistoryLines(text: string): HistoryLine[] {
  const lines: HistoryLine[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (isHistoryLine(parsed)) lines.push(Object.freeze(parsed));
  }
  return lines;
}

function isHistoryLine(value: unknown): value is HistoryLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  const text = (field: unknown): boolean => field === null || typeof field === 'string';
  return (
    typeof line.id === 'string' &&
    typeof line.batch === 'string' &&
    typeof line.at === 'number' &&
    typeof line.actor === 'string' &&
    typeof line.action === 'string' &&
    typeof line.featureName === 'string' &&
    text(line.before) &&
    text(line.after)
  );
}

export function formatHistoryLine(line: HistoryLine): string {
  const { id, batch, at, actor, action, featureName, before, after } = line;
  return `${JSON.stringify({ id, batch, at, actor, action: action satisfies HistoryAction, featureName, before, after })}\n`;
}

/**
 * The lines retention keeps, in file order: per flag the newest `limit`, and none with a newer
 * entry of its flag more than `maxAgeMs` younger. That is exactly what trimming at each write
 * keeps (the age limit applies at the flag's next write), so the file may hold trimmed lines
 * until it is compacted and readers still see exactly the retained entries.
 */
export function retainedLines(lines: readonly HistoryLine[], retention: ResolvedHistoryRetention): HistoryLine[] {
  const newerCount = new Map<string, number>();
  const newestAt = new Map<string, number>();
  const kept: HistoryLine[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const newer = newerCount.get(line.featureName) ?? 0;
    newerCount.set(line.featureName, newer + 1);
    const newest = newestAt.get(line.featureName);
    if (newest === undefined) newestAt.set(line.featureName, line.at);
    if (newer >= retention.limit) continue;
    if (retention.maxAgeMs !== undefined && newest !== undefined && newest - line.at > retention.maxAgeMs) continue;
    kept.push(line);
  }
  return kept.reverse();
}

/**
 * Whether the file's last batch never reached the flag file: the recovery rule for a process
 * that died between appending the entries and replacing the flag file (see the README). It did
 * not if every flag it wrote still holds the text its first entry found, not the text its last
 * entry wrote. `stored` answers a flag's current document text, `null` when none.
 */
export function lastBatchIsTorn(lines: readonly HistoryLine[], stored: (featureName: string) => string | null): boolean {
  const last = lines[lines.length - 1];
  if (last === undefined) return false;
  const firstBefore = new Map<string, string | null>();
  const lastAfter = new Map<string, string | null>();
  for (let i = lines.length - 1; i >= 0 && lines[i]!.batch === last.batch; i--) {
    const line = lines[i]!;
    firstBefore.set(line.featureName, line.before);
    if (!lastAfter.has(line.featureName)) lastAfter.set(line.featureName, line.after);
  }
  for (const [featureName, before] of firstBefore) {
    const now = stored(featureName);
    if (now !== before || now === lastAfter.get(featureName)) return false;
  }
  return true;
}

/** `lines` without its last batch. */
export function withoutLastBatch(lines: readonly HistoryLine[]): HistoryLine[] {
  const last = lines[lines.length - 1];
  return last === undefined ? [] : lines.filter((line) => line.batch !== last.batch);
}
