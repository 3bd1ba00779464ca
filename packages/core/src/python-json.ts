/**
 * JSON text exactly as Python's `json.dumps(value)` writes it with default arguments:
 * separators `", "` and `": "`, every character outside printable ASCII escaped as `\uXXXX`
 * (lowercase hex, UTF-16 units), floats in `repr` form, integers without a fraction.
 *
 * The consistent-hash bucketer hashes this text, so it must match Python byte for byte; the
 * stores write documents with it too, so a document round-trips between the two libraries.
 */

/** Marks a number that Python holds as a float, so that an integral value prints as `1.0`. */
export class PythonFloat {
  constructor(readonly value: number) {}
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const SHORT_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};
const HEX = '0123456789abcdef';

export function pythonString(text: string): string {
  if (PLAIN_ASCII.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x20 && unit < 0x7f && unit !== 0x22 && unit !== 0x5c) {
      out += text[i];
      continue;
    }
    const short = SHORT_ESCAPES[unit];
    out +=
      short ??
      `\\u${HEX[(unit >> 12) & 15]}${HEX[(unit >> 8) & 15]}${HEX[(unit >> 4) & 15]}${HEX[unit & 15]}`;
  }
  return `${out}"`;
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

/** A JavaScript number as Python would print the JSON number it was decoded from. */
export function pythonNumber(value: number): string {
  if (Number.isInteger(value)) {
    // Integral numbers come from JSON integers (JavaScript cannot tell 2.0 from 2). Past 1e21
    // JavaScript switches to exponent notation; Python prints every digit of an int.
    return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
  }
  return pythonFloatRepr(value);
}

const MAX_DEPTH = 100;

function dumpsAt(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return pythonString(value);
    case 'number':
      return pythonNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      throw new TypeError(`a ${typeof value} cannot be serialized as JSON`);
  }
  if (value === null) return 'null';
  if (depth > MAX_DEPTH) throw new TypeError('value is nested too deeply or is circular');
  if (value instanceof PythonFloat) return pythonFloatRepr(value.value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out += (i === 0 ? '' : ', ') + (item === undefined ? 'null' : dumpsAt(item, depth + 1));
    }
    return `${out}]`;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`a ${(value as object).constructor?.name ?? 'object'} cannot be serialized as JSON`);
  }
  let out = '{';
  let first = true;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ', '}${pythonString(key)}: ${dumpsAt(item, depth + 1)}`;
    first = false;
  }
  return `${out}}`;
}

/** `json.dumps(value)` as Python writes it. Throws a TypeError for values JSON cannot hold. */
export function pythonJsonDumps(value: unknown): string {
  return dumpsAt(value, 0);
}
