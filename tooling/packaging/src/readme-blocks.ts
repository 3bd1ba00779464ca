/**
 * The TypeScript blocks of the READMEs (the repository's and every published package's), as
 * modules a consumer project compiles exactly as written: each block is a module of its own,
 * and the names a README's prose supplies (`features`, `store`, `logger`...) are declared once
 * in `readme-globals.d.ts`, which a block's own declarations shadow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { publishedPackages, repositoryRoot } from './workspace.js';

export interface ReadmeBlock {
  /** `README.md`, `packages/admin/README.md` */
  readonly readme: string;
  /** The line of the README where the block's code starts (1-based). */
  readonly line: number;
  /** The file name it is compiled as: `readme-admin-3.ts`. */
  readonly file: string;
  readonly code: string;
  /**
   * A block marked `<!-- excerpt of PATH -->` (a few members of a class, say) is not compiled
   * alone: it must appear, line for line, in that file of the repository, which is compiled and
   * tested where it lives.
   */
  readonly excerptOf?: string;
}

/** The READMEs whose blocks are checked: the repository's, then each published package's. */
export function readmePaths(root: string = repositoryRoot): string[] {
  return ['README.md', ...publishedPackages(root).map(({ directory }) => `${directory}/README.md`)];
}

/** Every ```ts block of a README, indentation of a block inside a list item removed. */
export function readmeBlocks(readme: string, root: string = repositoryRoot): ReadmeBlock[] {
  const text = readFileSync(join(root, readme), 'utf8');
  const name = readme === 'README.md' ? 'root' : readme.split('/')[1]!;
  const blocks: ReadmeBlock[] = [];
  for (const match of text.matchAll(/^(?:( *)<!-- excerpt of (\S+) -->\n)?( *)```ts\n([\s\S]*?)^\3```$/gm)) {
    const indent = match[3]!.length;
    const code = match[4]!
      .split('\n')
      .map((line) => line.slice(Math.min(indent, line.length - line.trimStart().length)))
      .join('\n');
    const line = text.slice(0, match.index).split('\n').length + 1;
    const excerptOf = match[2];
    blocks.push({ readme, line: line + (excerptOf === undefined ? 0 : 1), file: `readme-${name}-${blocks.length + 1}.ts`, code, ...(excerptOf === undefined ? {} : { excerptOf }) });
  }
  return blocks;
}

/** Whether a statement awaits outside any function (top-level await). */
function awaitsAtTopLevel(node: ts.Node): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
  return ts.forEachChild(node, awaitsAtTopLevel) === true;
}

/** Statements that must stay at the top of a module: imports, exports, ambient and type declarations. */
function staysAtTop(statement: ts.Statement): boolean {
  if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement) || ts.isExportDeclaration(statement)) return true;
  if (ts.isModuleDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return true;
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * The block as an ES module (top-level await allowed), or as CommonJS, where a block that awaits
 * at the top level has its statements wrapped in an async function, as a CommonJS reader would
 * write it; imports and declarations stay where they are. The first line says where it came from.
 */
export function blockModule(block: ReadmeBlock, kind: 'esm' | 'cjs'): string {
  const origin = `// ${block.readme}:${block.line}\n`;
  const source = ts.createSourceFile(block.file, block.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const isModule = source.statements.some(staysAtTop);
  const tail = isModule ? '' : '\nexport {};\n';
  if (kind === 'esm' || !source.statements.some(awaitsAtTopLevel)) return `${origin}${block.code}${tail}`;
  const top: string[] = [];
  const body: string[] = [];
  for (const statement of source.statements) (staysAtTop(statement) ? top : body).push(statement.getFullText(source));
  return `${origin}${top.join('')}\nexport async function example(): Promise<void> {${body.join('')}\n}\n${tail}`;
}

/** The npm packages the blocks import beyond this repository's own and Node's: `express`, `ioredis`... */
export function readmeImports(blocks: readonly ReadmeBlock[]): string[] {
  const names = new Set<string>();
  for (const block of blocks) {
    for (const match of block.code.matchAll(/^\s*import\s[^'"]*?from\s+'([^']+)'|^\s*declare module '([^']+)'/gm)) {
      const specifier = match[1] ?? match[2]!;
      if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('@flipper-client/')) continue;
      names.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return [...names].sort();
}

/** The lines of an excerpt block that are not lines of the file it names. */
export function excerptProblems(block: ReadmeBlock, root: string = repositoryRoot): string[] {
  if (block.excerptOf === undefined) return [];
  const source = new Set(readFileSync(join(root, block.excerptOf), 'utf8').split('\n').map((line) => line.trim()));
  return block.code
    .split('\n')
    .map((text) => text.trim())
    .filter((line) => line !== '' && !source.has(line))
    .map((line) => `${block.readme}:${block.line}: not a line of ${block.excerptOf}: ${line}`);
}
