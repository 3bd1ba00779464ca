import { AsciiBuffer } from './ascii-buffer.js';
import { compareCodePoints } from './python-compare.js';
import { writePythonJson, writePythonString } from './python-json.js';
import { sha1Mod100 } from './sha1.js';

// One buffer for every evaluation. Evaluation is synchronous; `scratchInUse` covers the one
// way back in, a getter on the checks that itself evaluates a flag.
const scratch = new AsciiBuffer();
let scratchInUse = false;

/**
 * Writes the text the Python library hashes for a consistent-hash bucket: `json.dumps` of the
 * checks kept by the whitelist (every check when it is empty), as `[key, value]` pairs sorted by
 * key. Throws a TypeError when a kept value cannot be written as JSON.
 */
function writeHashText(
  out: AsciiBuffer,
  checks: Readonly<Record<string, unknown>> | undefined,
  keyWhitelist: readonly string[],
): void {
  out.byte(0x5b);
  if (checks !== undefined) {
    if (keyWhitelist.length === 1) {
      // The common case (`['user_id']`) needs neither a key list nor a sort.
      const key = keyWhitelist[0]!;
      const value = Object.hasOwn(checks, key) ? checks[key] : undefined;
      if (value !== undefined) writePair(out, key, value);
    } else {
      const keys: string[] = [];
      for (const key of Object.keys(checks)) {
        if (checks[key] === undefined) continue;
        if (keyWhitelist.length > 0 && !keyWhitelist.includes(key)) continue;
        keys.push(key);
      }
      keys.sort(compareCodePoints);
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) out.ascii(', ');
        writePair(out, keys[i]!, checks[keys[i]!]);
      }
    }
  }
  out.byte(0x5d);
}

function writePair(out: AsciiBuffer, key: string, value: unknown): void {
  out.byte(0x5b);
  writePythonString(out, key);
  out.ascii(', ');
  writePythonJson(out, value);
  out.byte(0x5d);
}

/** The exact text Python hashes for these checks (for tests and diagnostics). */
export function consistentHashText(
  checks: Readonly<Record<string, unknown>> | undefined,
  keyWhitelist: readonly string[],
): string {
  const out = new AsciiBuffer();
  writeHashText(out, checks, keyWhitelist);
  return out.toString();
}

/** The bucket score in [0, 0.99]: `int(sha1(text), 16) % 100 / 100`. */
export function consistentHashScore(
  checks: Readonly<Record<string, unknown>> | undefined,
  keyWhitelist: readonly string[],
): number {
  if (scratchInUse) {
    const out = new AsciiBuffer();
    writeHashText(out, checks, keyWhitelist);
    return sha1Mod100(out.bytes, out.length) / 100;
  }
  scratchInUse = true;
  try {
    writeHashText(scratch.reset(), checks, keyWhitelist);
    return sha1Mod100(scratch.bytes, scratch.length) / 100;
  } finally {
    scratchInUse = false;
  }
}
