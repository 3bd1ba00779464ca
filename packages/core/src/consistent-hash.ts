import { AsciiBuffer } from './ascii-buffer.js';
import { compareCodePoints } from './python-compare.js';
import { writePythonJson, writePythonNumber, writePythonString } from './python-json.js';
import { rewriteSha1Padding, sha1PaddedMod100, sha1PaddingLength, writeSha1Padding } from './sha1.js';

/**
 * Writes the text the Python library hashes for a consistent-hash bucket: `json.dumps` of the
 * checks kept by the whitelist (every check when it is empty), as `[key, value]` pairs sorted by
 * key. Throws a TypeError when a kept value cannot be written as JSON. This is the reference
 * form; `ConsistentHasher` writes the same bytes faster for a whitelist known in advance.
 */
function writeHashText(
  out: AsciiBuffer,
  checks: Readonly<Record<string, unknown>> | undefined,
  keyWhitelist: readonly string[],
): void {
  out.byte(0x5b);
  if (checks !== undefined) {
    // A whitelist names own properties, enumerable or not, as the one-key path always read them;
    // an empty one keeps every enumerable own key.
    const candidates = keyWhitelist.length === 0 ? Object.keys(checks) : [...new Set(keyWhitelist)];
    const keys = candidates.filter((key) => Object.hasOwn(checks, key) && checks[key] !== undefined);
    keys.sort(compareCodePoints);
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) out.ascii(', ');
      writePair(out, keys[i]!, checks[keys[i]!]);
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

/** SHA-1 mod 100 of the text in `out`, padding it in place. */
function residueOf(out: AsciiBuffer): number {
  out.reserve(sha1PaddingLength(out.length));
  return sha1PaddedMod100(out.bytes, writeSha1Padding(out.bytes, out.length));
}

/** `[]`, what Python hashes when no whitelisted check is given: the same bucket every time. */
const EMPTY_RESIDUE = (() => {
  const out = new AsciiBuffer();
  out.ascii('[]');
  return residueOf(out);
})();

/** `["key", ` as bytes: what every pair of that key starts with. */
function pairPrefix(key: string): Uint8Array {
  const out = new AsciiBuffer();
  out.byte(0x5b);
  writePythonString(out, key);
  out.ascii(', ');
  return out.bytes.slice(0, out.length);
}

/**
 * A consistent-hash scorer for one whitelist, built once per bucketer: it knows the sorted keys
 * and the bytes each pair starts with, so an evaluation writes only the values, into a buffer
 * of its own, and hashes it in place.
 *
 * Python sorts the kept checks by key; a whitelist sorted once gives that order without sorting
 * per call (checks it names that are absent or undefined are skipped, as Python never sees them).
 * A getter on the checks may itself evaluate a flag with this hasher: while the buffer is in
 * use (`busy`), such a nested call takes the reference path with a buffer of its own.
 */
export class ConsistentHasher {
  private readonly whitelist: readonly string[];
  /** The whitelist sorted by code point, without repeats. */
  private readonly keys: readonly string[];
  private readonly prefixes: readonly Uint8Array[];
  private readonly out = new AsciiBuffer();
  /** For one key, `[["key", ` stays written at the start of `out`; the value goes after it. */
  private readonly valueStart: number;
  private busy = false;
  /**
   * The message length whose padding `paddedBytes` holds past it: texts written since touched
   * only their own bytes, so the next text of the same length is hashed without padding again.
   * Unset (undefined) wherever a write may have stopped half-way (user code that threw).
   */
  private paddedBytes: Uint8Array | undefined;
  private paddedLength = -1;

  constructor(keyWhitelist: readonly string[]) {
    this.whitelist = keyWhitelist;
    this.keys = [...new Set(keyWhitelist)].sort(compareCodePoints);
    this.prefixes = this.keys.map(pairPrefix);
    this.out.byte(0x5b);
    if (this.keys.length === 1) for (const byte of this.prefixes[0]!) this.out.byte(byte);
    this.valueStart = this.out.length;
  }

  /** `int(sha1(text), 16) % 100` for these checks, in [0, 99]. Throws for values JSON cannot hold. */
  residue(checks: Readonly<Record<string, unknown>> | undefined): number {
    if (checks === undefined) return EMPTY_RESIDUE;
    if (this.busy) return this.residueFresh(checks);
    const keys = this.keys;
    if (keys.length === 1) {
      const key = keys[0]!;
      const value = Object.hasOwn(checks, key) ? checks[key] : undefined;
      if (value === undefined) return EMPTY_RESIDUE;
      const out = this.out;
      out.length = this.valueStart;
      // Strings and numbers are written without calling out of this module: nothing can use
      // the buffer meanwhile, so they need no `busy` guard.
      if (typeof value === 'string') writePythonString(out, value);
      else if (typeof value === 'number') writePythonNumber(out, value);
      else return this.residueGuarded(checks, value);
      out.reserve(2);
      out.bytes[out.length++] = 0x5d;
      out.bytes[out.length++] = 0x5d;
      return this.hashOut();
    }
    return this.residueGuarded(checks, undefined);
  }

  /**
   * The paths that may call user code (getters, proxies, nested values) while writing, under
   * `busy`. `value` is the one key's value, already read.
   */
  private residueGuarded(checks: Readonly<Record<string, unknown>>, value: unknown): number {
    const out = this.out;
    const keys = this.keys;
    this.busy = true;
    this.paddedBytes = undefined;
    try {
      if (keys.length === 1) {
        out.length = this.valueStart;
        writePythonJson(out, value);
        out.byte(0x5d);
      } else if (keys.length === 0) {
        out.length = 0;
        writeHashText(out, checks, this.whitelist);
        return out.length === 2 ? EMPTY_RESIDUE : this.hashOut();
      } else {
        out.length = 1;
        this.writeWalked(out, checks);
        if (out.length === 1) return EMPTY_RESIDUE;
      }
      out.byte(0x5d);
      return this.hashOut();
    } finally {
      this.busy = false;
    }
  }

  /** SHA-1 mod 100 of the text in `out`, rewriting only the padding bytes that changed. */
  private hashOut(): number {
    const out = this.out;
    const length = out.length;
    out.reserve(sha1PaddingLength(length));
    const bytes = out.bytes;
    const blocks = rewriteSha1Padding(bytes, length, bytes === this.paddedBytes ? this.paddedLength : -1);
    this.paddedBytes = bytes;
    this.paddedLength = length;
    return sha1PaddedMod100(bytes, blocks);
  }

  /** The pairs of a whitelist of several keys, in the sorted whitelist's order. */
  private writeWalked(out: AsciiBuffer, checks: Readonly<Record<string, unknown>>): void {
    const keys = this.keys;
    const prefixes = this.prefixes;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (!Object.hasOwn(checks, key)) continue;
      const value = checks[key];
      if (value === undefined) continue;
      const prefix = prefixes[k]!;
      out.reserve(prefix.length + 2);
      const bytes = out.bytes;
      let at = out.length;
      if (at > 1) {
        bytes[at++] = 0x2c;
        bytes[at++] = 0x20;
      }
      // A loop, not `bytes.set`: for a dozen bytes the call into the builtin costs more.
      for (let b = 0; b < prefix.length; b++) bytes[at++] = prefix[b]!;
      out.length = at;
      if (typeof value === 'string') writePythonString(out, value);
      else if (typeof value === 'number') writePythonNumber(out, value);
      else writePythonJson(out, value);
      out.byte(0x5d);
    }
  }

  /** A nested evaluation: the reference writer into a buffer of its own. */
  private residueFresh(checks: Readonly<Record<string, unknown>>): number {
    const out = new AsciiBuffer();
    writeHashText(out, checks, this.whitelist);
    return residueOf(out);
  }
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

/** The bucket score in [0, 0.99] by the reference writer: `int(sha1(text), 16) % 100 / 100`. */
export function consistentHashScore(
  checks: Readonly<Record<string, unknown>> | undefined,
  keyWhitelist: readonly string[],
): number {
  const out = new AsciiBuffer();
  writeHashText(out, checks, keyWhitelist);
  return residueOf(out) / 100;
}
