/**
 * Comparison of decoded JSON values with Python's semantics, so that this library and a Python
 * service answer the same on the same flag. Where Python raises `TypeError` (ordering a string
 * against a number, anything against `None`, dicts against dicts), the order is `NaN`: every
 * ordering test on it is false, as the specification asks, and nothing throws.
 */

type NumberLike = number | boolean | bigint;

function isNumberLike(value: unknown): value is NumberLike {
  const kind = typeof value;
  return kind === 'number' || kind === 'boolean' || kind === 'bigint';
}

/** Python counts `True` as 1 and `False` as 0 wherever a bool meets a number. */
function numeric(value: NumberLike): number | bigint {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Python `==` on decoded JSON values. */
export function pyEquals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (isNumberLike(left)) {
    // Loose equality is exact between number and bigint, and both sides are numeric here.
    return isNumberLike(right) && numeric(left) == numeric(right);
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right) || left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) if (!pyEquals(left[i], right[i])) return false;
    return true;
  }
  if (isPlainRecord(left)) {
    if (!isPlainRecord(right)) return false;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(right, key) || !pyEquals(left[key], right[key])) return false;
    }
    return true;
  }
  return false;
}

/** Orders two strings by Unicode code point, as Python does (JavaScript's `<` uses UTF-16 units). */
export function compareCodePoints(left: string, right: string): number {
  if (left === right) return 0;
  const shorter = Math.min(left.length, right.length);
  let i = 0;
  while (i < shorter && left.charCodeAt(i) === right.charCodeAt(i)) i++;
  if (i === shorter) return left.length - right.length;
  // When the first difference is in the low half of a surrogate pair, compare whole code points.
  const prior = i > 0 ? left.charCodeAt(i - 1) : 0;
  const start = prior >= 0xd800 && prior <= 0xdbff ? i - 1 : i;
  return (left.codePointAt(start) ?? 0) - (right.codePointAt(start) ?? 0);
}

/**
 * Python's ordering of two decoded JSON values: negative, zero or positive, or `NaN` where Python
 * would raise (or where a NaN makes every comparison false).
 */
export function pyOrder(left: unknown, right: unknown): number {
  if (isNumberLike(left)) {
    if (!isNumberLike(right)) return NaN;
    const a = numeric(left);
    const b = numeric(right);
    return a < b ? -1 : a > b ? 1 : a == b ? 0 : NaN;
  }
  if (typeof left === 'string') {
    return typeof right === 'string' ? Math.sign(compareCodePoints(left, right)) : NaN;
  }
  if (Array.isArray(left)) {
    if (!Array.isArray(right)) return NaN;
    const shorter = Math.min(left.length, right.length);
    for (let i = 0; i < shorter; i++) {
      if (!pyEquals(left[i], right[i])) return pyOrder(left[i], right[i]);
    }
    return Math.sign(left.length - right.length);
  }
  return NaN;
}

/** Python's `given in stored`; false where Python would raise. */
export function pyContains(stored: unknown, given: unknown): boolean {
  if (Array.isArray(stored)) {
    for (const item of stored) if (pyEquals(item, given)) return true;
    return false;
  }
  if (typeof stored === 'string') return typeof given === 'string' && stored.includes(given);
  if (isPlainRecord(stored)) return typeof given === 'string' && Object.hasOwn(stored, given);
  return false;
}

/** Python's `given not in stored`; false where Python would raise. */
export function pyNotContains(stored: unknown, given: unknown): boolean {
  if (Array.isArray(stored)) return !pyContains(stored, given);
  if (typeof stored === 'string') return typeof given === 'string' && !stored.includes(given);
  if (isPlainRecord(stored)) {
    // Only unhashable values (lists, dicts) make Python raise on a dict membership test.
    if (Array.isArray(given) || isPlainRecord(given)) return false;
    return typeof given !== 'string' || !Object.hasOwn(stored, given);
  }
  return false;
}
