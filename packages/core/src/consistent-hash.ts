import { compareCodePoints } from './python-compare.js';
import { pythonJsonDumps, pythonString } from './python-json.js';
import { sha1Mod100 } from './sha1.js';

/**
 * The text the Python library hashes for a consistent-hash bucket: `json.dumps` of the checks
 * kept by the whitelist (every check when it is empty), as `[key, value]` pairs sorted by key.
 * Throws a TypeError when a kept value cannot be written as JSON.
 */
export function consistentHashText(
  checks: Readonly<Record<string, unknown>> | undefined,
  keyWhitelist: readonly string[],
): string {
  if (checks === undefined) return '[]';
  if (keyWhitelist.length === 1) {
    // The common case (`['user_id']`) needs neither a key list nor a sort.
    const key = keyWhitelist[0]!;
    const value = Object.hasOwn(checks, key) ? checks[key] : undefined;
    return value === undefined ? '[]' : `[[${pythonString(key)}, ${pythonJsonDumps(value)}]]`;
  }
  const keys: string[] = [];
  for (const key of Object.keys(checks)) {
    if (checks[key] === undefined) continue;
    if (keyWhitelist.length > 0 && !keyWhitelist.includes(key)) continue;
    keys.push(key);
  }
  if (keys.length === 0) return '[]';
  keys.sort(compareCodePoints);
  let out = '[';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += `${i === 0 ? '' : ', '}[${pythonString(key)}, ${pythonJsonDumps(checks[key])}]`;
  }
  return `${out}]`;
}

/** The bucket score in [0, 0.99]: `int(sha1(text), 16) % 100 / 100`. */
export function consistentHashScore(
  checks: Readonly<Record<string, unknown>> | undefined,
  keyWhitelist: readonly string[],
): number {
  return sha1Mod100(consistentHashText(checks, keyWhitelist)) / 100;
}
