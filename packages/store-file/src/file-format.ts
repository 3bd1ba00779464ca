/**
 * The JSON file of the file store (and of `flipper export --format json`): one object whose
 * members are the flags, in name order, one per line, each value the flag's stored document
 * exactly as the store wrote it (`encodeDocument`: Python's `json.dumps`):
 *
 *     {
 *     "DARK_MODE": {"feature_name": "DARK_MODE", "is_enabled": true, "meta": {...}},
 *     "NEW_CHECKOUT": {"feature_name": "NEW_CHECKOUT", "is_enabled": false, "meta": {...}}
 *     }
 *
 * A member whose value is a string holds a document's raw text that is not JSON at all (it can
 * only get there by a raw write, or by hand); reading that flag fails as it would on any store.
 * Each member's text is kept as it is in the file, so rewriting the file for one flag never
 * changes the bytes of another.
 */

import { compareCodePoints } from '@flipper-client/core/store';
import { FileFormatError } from './errors.js';

/** Flag name → the JSON text of its member's value. */
export type FileEntries = Map<string, string>;

function skipSpace(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\n' || text[at] === '\r' || text[at] === '\t')) at++;
  return at;
}

/** The end (exclusive) of the JSON string starting at `at`. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  throw new FileFormatError('a string is not closed');
}

/** The end (exclusive) of the JSON value starting at `at`; the text is already known to be JSON. */
function valueEnd(text: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      i = stringEnd(text, i);
      if (depth === 0) return i;
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (char === ',' || char === ' ' || char === '\n' || char === '\r' || char === '\t')) return i;
    i++;
  }
  return i;
}

/** Reads the file's text into entries; a text that is not a JSON object is a `FileFormatError`. */
export function parseFileEntries(text: string): FileEntries {
  const entries: FileEntries = new Map();
  if (text.trim() === '') return entries;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FileFormatError(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FileFormatError('expected a JSON object of flag documents, one member per flag');
  }
  let at = skipSpace(text, 0) + 1;
  for (;;) {
    at = skipSpace(text, at);
    if (text[at] === '}') return entries;
    if (text[at] === ',') at = skipSpace(text, at + 1);
    const keyEnd = stringEnd(text, at);
    const name = JSON.parse(text.slice(at, keyEnd)) as string;
    at = skipSpace(text, keyEnd);
    at = skipSpace(text, at + 1); // the colon
    const end = valueEnd(text, at);
    if (entries.has(name)) throw new FileFormatError(`the flag ${JSON.stringify(name)} is in the file twice`);
    entries.set(name, text.slice(at, end));
    at = end;
  }
}

/** The file's text for these entries: members in name order, one per line. */
export function serializeFileEntries(entries: ReadonlyMap<string, string>): string {
  if (entries.size === 0) return '{}\n';
  const names = [...entries.keys()].sort(compareCodePoints);
  return `{\n${names.map((name) => `${JSON.stringify(name)}: ${entries.get(name)!}`).join(',\n')}\n}\n`;
}

/** The member text for a raw document: the text itself when it is JSON, else the text as a JSON string. */
export function memberTextOf(rawDocument: string): string {
  try {
    JSON.parse(rawDocument);
    return rawDocument.trim();
  } catch {
    return JSON.stringify(rawDocument);
  }
}

/** The document text a member stands for (see `memberTextOf`). */
export function documentTextOf(memberText: string): string {
  return memberText.startsWith('"') ? (JSON.parse(memberText) as string) : memberText;
}

/**
 * Reads a flag file: flag name → the flag's stored document text, in the file's order. Throws a
 * `FileFormatError` for a text that is not a flag file. The documents are not decoded: that is
 * `decodeDocument`'s job, flag by flag.
 */
export function parseFlagFile(text: string): Map<string, string> {
  const documents = new Map<string, string>();
  for (const [name, member] of parseFileEntries(text)) documents.set(name, documentTextOf(member));
  return documents;
}

/** The flag file holding these stored documents (flag name → document text), as the store writes it. */
export function formatFlagFile(documents: ReadonlyMap<string, string>): string {
  const entries: FileEntries = new Map();
  for (const [name, text] of documents) entries.set(name, memberTextOf(text));
  return serializeFileEntries(entries);
}
