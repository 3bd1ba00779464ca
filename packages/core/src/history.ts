import { hostname } from 'node:os';
import { InvalidArgumentError } from './errors.js';
import type { WriteName } from './events.js';

/**
 * What a write did, as its history entry names it. The client's writes use their own names
 * (`enable`, `set_conditions`, `rollback`...); a write that reaches a store without a
 * {@link WriteContext} is recorded under the store operation it called (`create`, `set`,
 * `set_meta`, `update`, `put`, `delete`).
 */
export type HistoryAction =
  | WriteName
  | 'create_if_absent'
  | 'rollback'
  | 'restore'
  | 'import'
  | 'set'
  | 'set_meta'
  | 'update'
  | 'put'
  | 'delete';

/** Who made a write and what it was: what a store with {@link History} records with the change. */
export interface WriteContext {
  /**
   * Who: a person (`user:alice@example.com`), a tool (`cli:deploy`), a process
   * (`process:web-1:4242`). A non-blank string of at most {@link MAX_ACTOR_LENGTH} characters
   * without control characters; see {@link assertActor}.
   */
  readonly actor: string;
  readonly action: HistoryAction;
}

/**
 * One remembered write of one flag. Entries are immutable records of what the store held:
 * `before` is the exact text stored just before the write and `after` the exact text the write
 * stored, each `null` where no flag was stored (`before` of a create of a new flag, `after` of a
 * delete). Text, not decoded items: a corrupt or foreign document is remembered as it was, and
 * a rollback restores the very bytes.
 */
export interface HistoryEntry {
  /** Ordered per store and per flag; see {@link compareHistoryIds}. */
  readonly id: string;
  /** When the store applied the write: epoch milliseconds of the store's clock. */
  readonly at: number;
  readonly actor: string;
  readonly action: HistoryAction;
  readonly featureName: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** A page of history: newest first. */
export interface HistoryReadOptions {
  /** At most this many entries; a positive integer, default {@link DEFAULT_HISTORY_PAGE}. */
  limit?: number;
  /**
   * Only entries older than this id (exclusive): pass the last id of a page to get the next
   * one. Absent: start from the newest entry.
   */
  before?: string;
}

/** How much history a store keeps. Trimming happens in the same atomic step as each write. */
export interface HistoryRetention {
  /** Entries kept per flag, newest first; a positive integer, default 1,000. */
  limit?: number;
  /** Entries older than this many milliseconds are dropped at the flag's next write; default: kept. */
  maxAgeMs?: number;
}

export interface ResolvedHistoryRetention {
  readonly limit: number;
  readonly maxAgeMs: number | undefined;
}

export const DEFAULT_HISTORY_LIMIT = 1000;
export const DEFAULT_HISTORY_PAGE = 50;
export const MAX_ACTOR_LENGTH = 256;

/** `retention` with its defaults, or an `InvalidArgumentError` prefixed with `owner` (`redis store`). */
export function resolveHistoryRetention(owner: string, retention: HistoryRetention = {}): ResolvedHistoryRetention {
  const limit = retention.limit ?? DEFAULT_HISTORY_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidArgumentError(`${owner}: history limit must be a positive integer, got ${String(limit)}`);
  }
  const maxAgeMs = retention.maxAgeMs;
  if (maxAgeMs !== undefined && (!Number.isSafeInteger(maxAgeMs) || maxAgeMs < 1)) {
    throw new InvalidArgumentError(`${owner}: history maxAgeMs must be a positive integer of milliseconds, got ${String(maxAgeMs)}`);
  }
  return Object.freeze({ limit, maxAgeMs });
}

const HISTORY_ID = /^\d+(-\d+)*$/;

/** Whether `id` has the shape of a history id: decimal integers joined by `-` (`42`, `1733615583000-3`). */
export function isHistoryId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= 64 && HISTORY_ID.test(id);
}

/**
 * The order of history ids: part by part, each as a non-negative integer (`9` < `10`,
 * `1733615583000-2` < `1733615583000-10`), a missing part counting as 0. Negative when `a` is
 * older than `b`. Every store's ids are of this shape, so a caller can page and merge them
 * without knowing the store.
 */
export function compareHistoryIds(a: string, b: string): number {
  const left = a.split('-');
  const right = b.split('-');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const xs = x.replace(/^0+(?=\d)/, '');
    const ys = y.replace(/^0+(?=\d)/, '');
    if (xs.length !== ys.length) return xs.length - ys.length;
    if (xs !== ys) return xs < ys ? -1 : 1;
  }
  return 0;
}

/** `options` checked, with the default page size. */
export function resolveHistoryReadOptions(options: HistoryReadOptions = {}): { limit: number; before: string | undefined } {
  const limit = options.limit ?? DEFAULT_HISTORY_PAGE;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidArgumentError(`history limit must be a positive integer, got ${String(limit)}`);
  }
  if (options.before !== undefined && !isHistoryId(options.before)) {
    throw new InvalidArgumentError(`history before must be a history id such as "42" or "1733615583000-3", got ${JSON.stringify(options.before)}`);
  }
  return { limit, before: options.before };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Actors are non-blank, short and printable, so that a history line is always readable. */
export function assertActor(actor: unknown): asserts actor is string {
  if (typeof actor !== 'string' || actor.trim().length === 0) {
    throw new InvalidArgumentError(`an actor must be a non-blank string, got ${typeof actor === 'string' ? JSON.stringify(actor) : typeof actor}`);
  }
  if (actor.length > MAX_ACTOR_LENGTH) throw new InvalidArgumentError(`an actor must be at most ${MAX_ACTOR_LENGTH} characters`);
  if (CONTROL.test(actor)) throw new InvalidArgumentError(`an actor must not hold control characters, got ${JSON.stringify(actor)}`);
}

let processActor: string | undefined;

/**
 * The actor of writes nobody named: `process:<hostname>:<pid>`, honest about where the write
 * came from, never blank.
 */
export function defaultActor(): string {
  if (processActor === undefined) {
    let host = 'unknown-host';
    try {
      host = hostname() || host;
    } catch {
      // A sandbox without a hostname still gets a readable actor.
    }
    processActor = `process:${host}:${process.pid}`;
  }
  return processActor;
}

/** The context recorded for a store call that came without one. */
export function contextOrDefault(context: WriteContext | undefined, action: HistoryAction): WriteContext {
  return context ?? { actor: defaultActor(), action };
}
