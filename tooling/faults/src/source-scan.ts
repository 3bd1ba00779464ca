import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A place in a source file that evaluates text as code. */
export interface DynamicCodeFinding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly rule: string;
}

/**
 * What counts as evaluating text as code. `eval(` and `Function(` only as free calls (a method
 * named `eval`, such as Redis's EVAL for a server-side Lua script, is not JavaScript evaluation).
 */
export const DYNAMIC_CODE_RULES: readonly { readonly rule: string; readonly pattern: RegExp }[] = [
  { rule: 'eval', pattern: /(?<![.\w$])eval\s*\(/ },
  { rule: 'indirect eval', pattern: /\(\s*0\s*,\s*eval\s*\)/ },
  { rule: 'Function constructor', pattern: /(?<![.\w$])(?:new\s+)?Function\s*\(/ },
  { rule: 'vm module', pattern: /['"](?:node:)?vm['"]/ },
  { rule: 'vm.runIn*', pattern: /\bvm\s*\.\s*(?:runIn\w*|compileFunction|Script)\b/ },
  { rule: 'string timer', pattern: /\bset(?:Timeout|Interval|Immediate)\s*\(\s*['"`]/ },
];

const SOURCE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

function filesUnder(directory: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (SOURCE_FILE.test(entry)) out.push(path);
  }
  return out;
}

/** Scans every source file under `roots`; `base` makes the reported paths relative. */
export function findDynamicCode(roots: readonly string[], base: string): { files: string[]; findings: DynamicCodeFinding[] } {
  const files = roots.flatMap(filesUnder);
  const findings: DynamicCodeFinding[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        for (const { rule, pattern } of DYNAMIC_CODE_RULES) {
          if (pattern.test(text)) findings.push({ file: relative(base, file), line: index + 1, text: text.trim(), rule });
        }
      });
  }
  return { files: files.map((file) => relative(base, file)), findings };
}
