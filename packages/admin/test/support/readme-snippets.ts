import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** A README of this repository, by path from the package directory (`README.md`, `../../README.md`). */
export function readme(path: string): string {
  return readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
}

/** The ```ts blocks of a README, as written (indentation of a block inside a list removed). */
export function typescriptBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (const match of text.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)) {
    const indent = match[1]!.length;
    blocks.push(match[2]!.split('\n').map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length))).join('\n'));
  }
  return blocks;
}

/** From `start` (an opening bracket), the text up to its matching close; strings and templates skipped. */
function balanced(source: string, start: number): string {
  const closing: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = start; i < source.length; i++) {
    const char = source[i]!;
    if (char === "'" || char === '"' || char === '`') {
      i = source.indexOf(char, i + 1);
      continue;
    }
    if (closing[char] !== undefined) stack.push(closing[char]);
    else if (char === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return source.slice(start, i + 1);
    }
  }
  throw new Error(`unbalanced from ${source.slice(start, start + 40)}`);
}

/**
 * Every way the README's TypeScript blocks build an `authorize`, exactly as written: each
 * `bearerTokens({...})` call (inline or assigned to the variable `authorize:` then names), and
 * each arrow function given as `authorize:`.
 */
export function authorizeExamples(text: string): string[] {
  const found: string[] = [];
  for (const block of typescriptBlocks(text)) {
    for (const match of block.matchAll(/authorize: (?![A-Za-z_$][\w$]*[,\s])|(?<!\w)(?=bearerTokens\()/g)) {
      const at = match.index + match[0].length;
      const open = block.slice(at).search(/[({]/);
      let example = block.slice(at, at + open) + balanced(block, at + open);
      // An arrow function: its parameters, then its body.
      const arrow = /^\s*=>\s*/.exec(block.slice(at + example.length));
      if (arrow !== null) example += arrow[0] + balanced(block, at + example.length + arrow[0].length);
      found.push(example);
    }
  }
  return [...new Set(found)];
}

/** TypeScript of an expression to JavaScript (types dropped), as the README's reader would compile it. */
export function toJavaScript(expression: string): string {
  return ts.transpileModule(`export default (${expression});`, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
}
