import type { Redis } from 'ioredis';
import type { KeyspaceEventsMode } from './options.js';

const SETTING = 'notify-keyspace-events';
// K: keyspace channel; g: DEL, RENAME...; $: SET and other string commands; x: expiry.
const NEEDED = ['K', 'g', '$', 'x'] as const;
// `A` stands for every event class but key-miss and new-key ones, g, $ and x included.
const COVERED_BY_ALL = new Set(['g', '$', 'x']);

/** The event classes `current` lacks for the change feed, in the order Redis documents them. */
export function missingKeyspaceClasses(current: string): string {
  return NEEDED.filter((flag) => !current.includes(flag) && !(current.includes('A') && COVERED_BY_ALL.has(flag))).join('');
}

/** CONFIG GET answers a flat array (RESP2 mapping) or a map (RESP3 mapping). */
function settingValue(reply: unknown): string {
  if (Array.isArray(reply)) return String(reply[1] ?? '');
  if (reply !== null && typeof reply === 'object') return String((reply as Record<string, unknown>)[SETTING] ?? '');
  return '';
}

/**
 * Makes sure `node` publishes the keyspace notifications the change feed needs. Resolves to
 * whether it does; rejects when CONFIG is refused or fails (a managed Redis, an ACL without it).
 */
export async function ensureKeyspaceEvents(node: Redis, mode: KeyspaceEventsMode): Promise<boolean> {
  if (mode === 'off') return false;
  const current = settingValue(await node.config('GET', SETTING));
  const missing = missingKeyspaceClasses(current);
  if (missing === '') return true;
  if (mode === 'if-enabled') return false;
  await node.config('SET', SETTING, current + missing);
  return true;
}
