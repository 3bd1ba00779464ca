import { createHash } from 'node:crypto';
import type { HistoryAction, HistoryEntry } from '@flipper-client/core/store';

const SEQUENCE = /^\d{16}$/;

/** An entry object's body: the entry without its id, which its key and `at` make. */
export interface EntryBody {
  readonly featureName: string;
  readonly at: number;
  readonly actor: string;
  readonly action: HistoryAction;
  readonly before: string | null;
  readonly after: string | null;
}

/** One entry object of a flag, read: its write number, its ETag and its body. */
export interface EntryObject {
  readonly sequence: number;
  readonly etag: string | undefined;
  readonly body: EntryBody;
}

/**
 * Where history objects live: `<historyPrefix><name>/<sequence>` in the history bucket, one
 * object per entry, `<sequence>` the flag's write number in 16 digits (so keys list in write
 * order). The key is claimed with `If-None-Match: *`: of writers that read the same history,
 * exactly one adds the next entry, which is what orders the flag's writes (see HistoryLog).
 */
export class HistoryLayout {
  constructor(readonly prefix: string) {}

  folder(featureName: string): string {
    return `${this.prefix}${featureName}/`;
  }

  entryKey(featureName: string, sequence: number): string {
    return `${this.folder(featureName)}${String(sequence).padStart(16, '0')}`;
  }

  /** The write number of a listed key directly in the flag's folder, else undefined. */
  sequenceOf(featureName: string, key: string): number | undefined {
    const folder = this.folder(featureName);
    if (!key.startsWith(folder)) return undefined;
    const rest = key.slice(folder.length);
    return SEQUENCE.test(rest) ? Number(rest) : undefined;
  }

  /** The flag whose entry a listed key under the prefix is, else undefined. */
  flagOf(key: string): string | undefined {
    if (!key.startsWith(this.prefix) || key.length < this.prefix.length + 18) return undefined;
    const name = key.slice(this.prefix.length, -17);
    return key[key.length - 17] === '/' && SEQUENCE.test(key.slice(-16)) && name.length > 0 ? name : undefined;
  }
}

/**
 * A number of the flag's name that keeps ids of two flags written in the same millisecond
 * with the same write number apart: 48 bits of the name's SHA-1.
 */
function nameTag(featureName: string): number {
  return Number.parseInt(createHash('sha1').update(featureName, 'utf8').digest('hex').slice(0, 12), 16);
}

/**
 * The id of an entry: `<at>-<sequence>-<name tag>`. Per flag, `at` never goes back and the
 * sequence always grows, so ids grow; across flags they are ordered by the writers' clocks.
 */
export function entryIdOf(featureName: string, sequence: number, at: number): string {
  return `${at}-${sequence}-${nameTag(featureName)}`;
}

/** The write number inside an id of this flag, or undefined for an id of another shape or flag. */
export function sequenceOfId(featureName: string, id: string): number | undefined {
  const parts = id.split('-');
  if (parts.length !== 3 || parts.some((part) => !/^\d{1,16}$/.test(part))) return undefined;
  return Number(parts[2]) === nameTag(featureName) ? Number(parts[1]) : undefined;
}

export function toEntry(featureName: string, entry: EntryObject): HistoryEntry {
  const { at, actor, action, before, after } = entry.body;
  return Object.freeze({ id: entryIdOf(featureName, entry.sequence, at), at, actor, action, featureName, before, after });
}

export function encodeEntryBody(body: EntryBody): string {
  const { featureName, at, actor, action, before, after } = body;
  return JSON.stringify({ featureName, at, actor, action, before, after });
}

/** The body of an entry object, or undefined for an object that is not one of this flag's. */
export function decodeEntryBody(featureName: string, text: string): EntryBody | undefined {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const textOrNull = (field: unknown): boolean => field === null || typeof field === 'string';
    if (parsed.featureName !== featureName || typeof parsed.at !== 'number' || typeof parsed.actor !== 'string') return undefined;
    if (typeof parsed.action !== 'string' || !textOrNull(parsed.before) || !textOrNull(parsed.after)) return undefined;
    return parsed as unknown as EntryBody;
  } catch {
    return undefined;
  }
}

/**
 * Whether the flag's newest entry is pending: its change has not reached the flag object (the
 * flag still holds the entry's `before`, not its `after`). Its writer is between its two
 * requests, or died there; readers leave it out and the next writer completes it.
 */
export function isPending(newest: EntryBody, stored: string | null): boolean {
  return stored !== newest.after && stored === newest.before;
}
