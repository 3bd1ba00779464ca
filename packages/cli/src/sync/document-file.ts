import { compareCodePoints } from '@flipper-client/core/store';
import { assertFeatureName, decodeStoredDocument, encodeDocument, type FeatureFlagStoreItem } from '@flipper-client/core/store';
import { FileFormatError, formatFlagFile, parseFlagFile } from '@flipper-client/store-file';

/** `jsonl`: one stored document per line. `json`: the file store's format, one object of documents. */
export type DocumentFormat = 'jsonl' | 'json';

/** Every document, sorted by name, exactly as `encodeDocument` (Python's `json.dumps`) writes it. */
export function formatDocuments(items: readonly FeatureFlagStoreItem[], format: DocumentFormat): string {
  const sorted = [...items].sort((a, b) => compareCodePoints(a.featureName, b.featureName));
  if (format === 'json') return formatFlagFile(new Map(sorted.map((item) => [item.featureName, encodeDocument(item)])));
  return sorted.map((item) => `${encodeDocument(item)}\n`).join('');
}

export interface ParsedDocuments {
  readonly items: FeatureFlagStoreItem[];
  /** One line per problem: where it is, which flag, what is wrong. */
  readonly problems: string[];
}

function messageOf(error: unknown): string {
  return (error as Error).message.replace(/^flipper: /, '');
}

function decodeOne(where: string, name: unknown, raw: unknown, problems: string[], seen: Map<string, string>): FeatureFlagStoreItem | undefined {
  if (typeof name !== 'string') {
    problems.push(`${where}: not a flag document (no "feature_name" string)`);
    return undefined;
  }
  const earlier = seen.get(name);
  if (earlier !== undefined) {
    problems.push(`${where}: flag ${JSON.stringify(name)} is already at ${earlier}`);
    return undefined;
  }
  seen.set(name, where);
  try {
    assertFeatureName(name);
    return decodeStoredDocument(name, raw);
  } catch (error) {
    problems.push(`${where}: ${messageOf(error)}`);
    return undefined;
  }
}

function parseJsonLines(source: string, text: string): ParsedDocuments {
  const items: FeatureFlagStoreItem[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source} line ${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      problems.push(`${where}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const name = (raw as { feature_name?: unknown } | null)?.feature_name;
    const item = decodeOne(where, name, raw, problems, seen);
    if (item !== undefined) items.push(item);
  });
  return { items, problems };
}

function parseObjectFile(source: string, text: string): ParsedDocuments {
  const items: FeatureFlagStoreItem[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  let entries: Map<string, string>;
  try {
    entries = parseFlagFile(text);
  } catch (error) {
    return { items, problems: [`${source}: ${error instanceof FileFormatError ? error.message : messageOf(error)}`] };
  }
  for (const [name, documentText] of entries) {
    const where = `${source} member ${JSON.stringify(name)}`;
    let raw: unknown;
    try {
      raw = JSON.parse(documentText);
    } catch (error) {
      problems.push(`${where}: flag ${JSON.stringify(name)}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    const stored = (raw as { feature_name?: unknown } | null)?.feature_name;
    if (stored !== name) {
      problems.push(`${where}: flag ${JSON.stringify(name)}: the document is for ${JSON.stringify(stored)}`);
      continue;
    }
    const item = decodeOne(where, name, raw, problems, seen);
    if (item !== undefined) items.push(item);
  }
  return { items, problems };
}

/**
 * Reads an export (either format, told apart by content: a file that parses as one JSON object
 * without `feature_name` is the object format; anything else is read line by line) or a JSON
 * array of documents. Every document is decoded as a store decodes it; each problem names the
 * line or member, the flag and what is wrong.
 */
export function parseDocuments(source: string, text: string): ParsedDocuments {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    return parseJsonLines(source, text);
  }
  if (Array.isArray(whole)) {
    const items: FeatureFlagStoreItem[] = [];
    const problems: string[] = [];
    const seen = new Map<string, string>();
    whole.forEach((raw, index) => {
      const item = decodeOne(`${source} element ${index + 1}`, (raw as { feature_name?: unknown } | null)?.feature_name, raw, problems, seen);
      if (item !== undefined) items.push(item);
    });
    return { items, problems };
  }
  if (typeof whole === 'object' && whole !== null && !Object.hasOwn(whole, 'feature_name')) return parseObjectFile(source, text);
  return parseJsonLines(source, text);
}
