import type { JsonValue } from '@flipper-client/core/store';

/**
 * How a condition value is shown in, and read back from, one text field: JSON when the value
 * is not a string, or is a string that would read back as something else ("42", "true");
 * any other string as it is, so `city` needs no quotes.
 */
export function valueToText(value: JsonValue): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return textToValue(value) === value ? value : JSON.stringify(value);
}

export function textToValue(text: string): JsonValue {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return text;
  }
}
