/** JSON values as they travel in flag documents, client data and condition values. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Keys that reach an object's prototype when assigned; never accepted in stored data. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than this is treated as hostile input (and catches cycles without a visited set). */
export const MAX_JSON_DEPTH = 64;

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Returns why `value` is not plain JSON data, or `undefined` when it is. The path in the answer
 * points at the offending member, e.g. `clientData.owner.tags[2]`.
 */
export function findJsonProblem(value: unknown, path: string, depth = 0): string | undefined {
  if (depth > MAX_JSON_DEPTH) return `${path} is nested deeper than ${MAX_JSON_DEPTH} levels (or is circular)`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${path} is ${value}, which JSON cannot hold`;
    case 'undefined':
      return `${path} is undefined, which JSON cannot hold`;
    case 'bigint':
      return `${path} is a BigInt, which JSON cannot hold`;
    case 'function':
      return `${path} is a function, which JSON cannot hold`;
    case 'symbol':
      return `${path} is a symbol, which JSON cannot hold`;
    default:
      break;
  }
  if (value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findJsonProblem(value[i], `${path}[${i}]`, depth + 1);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (!isPlainObject(value)) {
    const kind = (value as object).constructor?.name ?? 'object';
    return `${path} is a ${kind}, not plain JSON data`;
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') return `${path} has a symbol key, which JSON cannot hold`;
    if (FORBIDDEN_KEYS.has(key)) return `${path} has the key ${JSON.stringify(key)}, which is not allowed`;
    const problem = findJsonProblem(value[key], `${path}.${key}`, depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** A deep copy of validated JSON data, frozen (objects without a prototype) so that shared flag items cannot be mutated. */
export function freezeJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item) => freezeJson(item))) as T;
  // A null-prototype object: no key can reach a prototype, and V8 keeps such objects in
  // dictionary mode, so freezing them does not leave a new hidden class behind per key set
  // (client data grown one key at a time otherwise costs memory quadratic in its keys).
  const copy = Object.create(null) as JsonObject;
  for (const key of Object.keys(value)) copy[key] = freezeJson(value[key] as JsonValue);
  return Object.freeze(copy) as T;
}

/** A mutable deep copy, handed to callers so they never hold the store's own objects. */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  return Object.fromEntries(Object.keys(value).map((key) => [key, cloneJson(value[key] as JsonValue)])) as T;
}
