import type { JsonObject, JsonValue } from '@flipper-client/core/store';
import { UsageError } from './errors.js';

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * How the value of a `key=value` argument is typed:
 * - `true`, `false` and `null` are the JSON literals;
 * - a JSON number (`42`, `-1.5`, `1e3`) is a number;
 * - text starting with `[`, `{` or `"` is parsed as JSON: `'["NL","BE"]'`, `'{"a":1}'`, `'"42"'`
 *   (the way to pass a string that looks like a number or a literal);
 * - anything else is the string as written (`plan=gold`, `name=Ada Lovelace`, `v=1.2.3`).
 */
export function parseValue(text: string, key: string): JsonValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (JSON_NUMBER.test(text)) {
    const number = Number(text);
    if (Number.isFinite(number)) return number;
  }
  const first = text[0];
  if (first === '[' || first === '{' || first === '"') {
    try {
      return JSON.parse(text) as JsonValue;
    } catch (error) {
      throw new UsageError(`the value of ${key} starts like JSON but is not JSON (${(error as Error).message}); quote it for a string: ${key}='"..."'`);
    }
  }
  return text;
}

/**
 * `key=value` arguments as an object, typed by `parseValue`. `context` names the flag and the
 * command for messages. The first `=` separates the key from the value.
 */
export function parsePairs(pairs: readonly string[], context: string): JsonObject {
  const result: JsonObject = Object.create(null) as JsonObject;
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`${context}: expected key=value, got ${JSON.stringify(pair)}`);
    const key = pair.slice(0, equals);
    if (Object.hasOwn(result, key)) throw new UsageError(`${context}: ${key} is given twice`);
    try {
      result[key] = parseValue(pair.slice(equals + 1), key);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`${context}: ${error.message.replace(/^flipper: /, '')}`);
      throw error;
    }
  }
  // A plain object for the core's validation (which refuses __proto__ and friends by name).
  return { ...result };
}
