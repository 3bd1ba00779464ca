/**
 * JSON text exactly as Python's `json.dumps(value)` writes it with default arguments:
 * separators `", "` and `": "`, every character outside printable ASCII escaped as `\uXXXX`
 * (lowercase hex, UTF-16 units), floats in `repr` form, integers without a fraction.
 *
 * The consistent-hash bucketer hashes this text, so it must match Python byte for byte; the
 * stores write documents with it too, so a document round-trips between the two libraries.
 * The writer emits bytes into an `AsciiBuffer`; `pythonJsonDumps` reads them back as a string.
 */
import { AsciiBuffer } from './ascii-buffer.js';

/** Marks a number that Python holds as a float, so that an integral value prints as `1.0`. */
export class PythonFloat {
  constructor(readonly value: number) {}
}

const SHORT_ESCAPES: Record<number, number> = {
  0x08: 0x62, // \b
  0x09: 0x74, // \t
  0x0a: 0x6e, // \n
  0x0c: 0x66, // \f
  0x0d: 0x72, // \r
  0x22: 0x22, // \"
  0x5c: 0x5c, // \\
};
const HEX_DIGITS = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/** A JSON string literal, escaped as `ensure_ascii` does. */
export function writePythonString(out: AsciiBuffer, text: string): void {
  const count = text.length;
  // Room for the worst case (every unit escaped as \uXXXX), so the loops write without checks.
  out.reserve(count * 6 + 2);
  const bytes = out.bytes;
  const start = out.length + 1;
  bytes[start - 1] = 0x22;
  // Ids are printable ASCII: copied as they are until the first unit that needs an escape, in a
  // loop that tests each unit with one unsigned range comparison and two equalities.
  let i = 0;
  for (; i < count; i++) {
    const unit = text.charCodeAt(i);
    if ((unit - 0x20) >>> 0 > 0x5e || unit === 0x22 || unit === 0x5c) break;
    bytes[start + i] = unit;
  }
  const at = i === count ? start + count : writeEscaped(bytes, text, i, start + i);
  bytes[at] = 0x22;
  out.length = at + 1;
}

/** The units of `text` from `from` on, escaped where needed, written at `at`; returns the end. */
function writeEscaped(bytes: Uint8Array, text: string, from: number, at: number): number {
  for (let i = from; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x20 && unit < 0x7f && unit !== 0x22 && unit !== 0x5c) {
      bytes[at++] = unit;
      continue;
    }
    bytes[at++] = 0x5c;
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      bytes[at++] = short;
    } else {
      bytes[at++] = 0x75; // u
      bytes[at++] = HEX_DIGITS[(unit >> 12) & 15]!;
      bytes[at++] = HEX_DIGITS[(unit >> 8) & 15]!;
      bytes[at++] = HEX_DIGITS[(unit >> 4) & 15]!;
      bytes[at++] = HEX_DIGITS[unit & 15]!;
    }
  }
  return at;
}

/** Python's `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, like repr.
  const exponential = Math.abs(value).toExponential();
  const eAt = exponential.indexOf('e');
  const digits = exponential.slice(0, eAt).replace('.', '');
  const exponent = Number(exponential.slice(eAt + 1));
  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${expSign}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intLength = exponent + 1;
  if (digits.length <= intLength) return `${sign}${digits}${'0'.repeat(intLength - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
}

/** A JavaScript number as Python prints the JSON number it was decoded from. */
export function writePythonNumber(out: AsciiBuffer, value: number): void {
  if (Number.isSafeInteger(value)) {
    if (value < 0) out.byte(0x2d);
    out.digits(Math.abs(value));
  } else if (Number.isInteger(value)) {
    // JavaScript cannot tell 2.0 from 2, so integral numbers are JSON integers; past 1e21 it
    // would print an exponent where Python prints every digit of an int.
    out.ascii(BigInt(value).toString());
  } else {
    out.ascii(pythonFloatRepr(value));
  }
}

const MAX_DEPTH = 100;

/** Appends `json.dumps(value)`; throws a TypeError for values JSON cannot hold. */
export function writePythonJson(out: AsciiBuffer, value: unknown, depth = 0): void {
  switch (typeof value) {
    case 'string':
      return writePythonString(out, value);
    case 'number':
      return writePythonNumber(out, value);
    case 'boolean':
      return out.ascii(value ? 'true' : 'false');
    case 'bigint':
      return out.ascii(value.toString());
    case 'object':
      break;
    default:
      throw new TypeError(`a ${typeof value} cannot be serialized as JSON`);
  }
  if (value === null) return out.ascii('null');
  if (depth > MAX_DEPTH) throw new TypeError('value is nested too deeply or is circular');
  if (value instanceof PythonFloat) return out.ascii(pythonFloatRepr(value.value));
  if (Array.isArray(value)) {
    out.byte(0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.ascii(', ');
      const item: unknown = value[i];
      if (item === undefined) out.ascii('null');
      else writePythonJson(out, item, depth + 1);
    }
    return out.byte(0x5d);
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`a ${(value as object).constructor?.name ?? 'object'} cannot be serialized as JSON`);
  }
  out.byte(0x7b);
  let first = true;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined) continue;
    if (!first) out.ascii(', ');
    writePythonString(out, key);
    out.ascii(': ');
    writePythonJson(out, item, depth + 1);
    first = false;
  }
  out.byte(0x7d);
}

/** `json.dumps(value)` as Python writes it. Throws a TypeError for values JSON cannot hold. */
export function pythonJsonDumps(value: unknown): string {
  const out = new AsciiBuffer();
  writePythonJson(out, value);
  return out.toString();
}
