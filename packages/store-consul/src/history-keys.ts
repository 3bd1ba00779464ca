import type { HistoryAction, ResolvedHistoryRetention } from '@flipper-client/core/store';

const SEQUENCE_DIGITS = 16;
const TIME_DIGITS = 15;
const ENTRY_NAME = new RegExp(`^(\\d{${SEQUENCE_DIGITS}})-(\\d{${TIME_DIGITS}})$`);

/** What an entry key's last segment says: the flag's write number and when it was written. */
export interface EntryKeyName {
  readonly key: string;
  readonly sequence: number;
  readonly at: number;
}

/** The value of an entry key: the entry without its id (the key's `CreateIndex`). */
export interface StoredEntry {
  readonly featureName: string;
  readonly at: number;
  readonly actor: string;
  readonly action: HistoryAction;
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * Where history lives in Consul: `<baseKey>.history/<name>/<sequence>-<ms>`, one key per entry.
 *
 * - A sibling of the flags' prefix `<baseKey>/`, never under it: the Python store (and this
 *   store's watch and listing) read `<baseKey>/` recursively and decode every key they find.
 * - `<sequence>` counts the flag's writes (16 digits, so keys sort in write order) and `<ms>` is
 *   the writer's clock: retention is decided from key names alone (`?keys`), without reading
 *   the entries. The entry's id is the key's `CreateIndex`, the Raft index of the transaction
 *   that wrote it and the flag together: ordered per flag and across flags.
 * - A name holding `/` can make another flag's entry keys fall under this flag's folder; a key
 *   counts as this flag's only when its last segment has the entry shape and sits directly
 *   below `<name>/`, and its value names the flag.
 */
export class HistoryKeys {
  readonly prefix: string;

  constructor(baseKey: string) {
    this.prefix = `${baseKey}.history/`;
  }

  folder(featureName: string): string {
    return `${this.prefix}${featureName}/`;
  }

  entryKey(featureName: string, sequence: number, at: number): string {
    return `${this.folder(featureName)}${String(sequence).padStart(SEQUENCE_DIGITS, '0')}-${String(at).padStart(TIME_DIGITS, '0')}`;
  }

  /** The flag's entry keys among `keys`, oldest first. */
  entryNames(featureName: string, keys: readonly string[]): EntryKeyName[] {
    const folder = this.folder(featureName);
    const names: EntryKeyName[] = [];
    for (const key of keys) {
      if (!key.startsWith(folder)) continue;
      const match = ENTRY_NAME.exec(key.slice(folder.length));
      if (match !== null) names.push({ key, sequence: Number(match[1]), at: Number(match[2]) });
    }
    return names.sort((a, b) => a.sequence - b.sequence);
  }
}

/**
 * The entry names retention keeps, oldest first: the newest `limit`, and none more than
 * `maxAgeMs` older than the newest. That is what trimming at each write keeps, so readers that
 * apply it see exactly the retained entries even when a write could not delete them all.
 */
export function retainedNames(names: readonly EntryKeyName[], retention: ResolvedHistoryRetention): EntryKeyName[] {
  const newest = names[names.length - 1];
  if (newest === undefined) return [];
  return names.slice(Math.max(0, names.length - retention.limit)).filter((name) => retention.maxAgeMs === undefined || newest.at - name.at <= retention.maxAgeMs);
}

export function encodeStoredEntry(entry: StoredEntry): string {
  const { featureName, at, actor, action, before, after } = entry;
  return JSON.stringify({ featureName, at, actor, action, before, after });
}

/** The stored entry of a value, or undefined for a value that is not one (a foreign key). */
export function decodeStoredEntry(value: string | null): StoredEntry | undefined {
  if (value === null) return undefined;
  try {
    const parsed = JSON.parse(value) as Record<string, unknown>;
    const text = (field: unknown): boolean => field === null || typeof field === 'string';
    if (typeof parsed.featureName !== 'string' || typeof parsed.at !== 'number' || typeof parsed.actor !== 'string') return undefined;
    if (typeof parsed.action !== 'string' || !text(parsed.before) || !text(parsed.after)) return undefined;
    return parsed as unknown as StoredEntry;
  } catch {
    return undefined;
  }
}
