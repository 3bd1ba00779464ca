import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

/** Source files scanned for flag names: TypeScript, JavaScript and Python. */
const EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py']);
/** Folders never scanned: installed packages and tool state, not the application's code. */
const SKIPPED = new Set(['node_modules', '__pycache__', 'venv', '.venv']);

/** A flag name written in source, and where. */
export interface FlagReference {
  readonly name: string;
  /** `path:line`, the path relative to the scanned folder. */
  readonly location: string;
}

const STRING = String.raw`(?:'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|\x60((?:[^\x60\\$]|\\.)*)\x60)`;
const CALL = String.raw`\b(?:isEnabled|isEnabledSync|getBooleanValue|getBooleanDetails|is_enabled)\s*\(\s*`;
const PATTERNS: readonly RegExp[] = [
  // features.isEnabled('NAME'), client.getBooleanValue('NAME', false), features.is_enabled("NAME")
  new RegExp(CALL + STRING, 'g'),
  // The wrapper and decorator: isEnabled(features, 'NAME', ...) and Python's is_enabled(features.client, 'NAME')
  new RegExp(CALL + String.raw`[A-Za-z_$][\w$.]*(?:\(\s*\))?\s*,\s*` + STRING, 'g'),
  // A handle: features.get('NAME').isEnabled()
  new RegExp(String.raw`\.get\(\s*` + STRING + String.raw`\s*\)\s*\.\s*(?:isEnabled|isEnabledSync|is_enabled)\b`, 'g'),
];

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** Every flag name passed as a string literal to an evaluation call in `source`. */
export function findReferences(source: string, path: string): FlagReference[] {
  const found: FlagReference[] = [];
  for (const pattern of PATTERNS) {
    for (const match of source.matchAll(pattern)) {
      const literal = match[1] ?? match[2] ?? match[3];
      if (literal === undefined || literal === '') continue;
      const line = source.slice(0, match.index).split('\n').length;
      found.push({ name: unescape(literal), location: `${path}:${line}` });
    }
  }
  return found;
}

async function* sourceFiles(directory: string): AsyncIterable<string> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.isFile() && EXTENSIONS.has(extname(entry.name)) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** The flag references of every source file under `directory`, files in name order. */
export async function scanReferences(directory: string): Promise<FlagReference[]> {
  const references: FlagReference[] = [];
  for await (const file of sourceFiles(directory)) {
    references.push(...findReferences(await readFile(file, 'utf8'), relative(directory, file)));
  }
  return references;
}
