// Builds a published package from its one source twice: ES modules into dist/ (as
// tsconfig.build.json says) and CommonJS into dist/cjs/, each with its declarations and maps, so
// that `import` and `require` both work on every Node version the packages support (require(esm)
// is unflagged only from Node 20.19 and 22.12, and TypeScript's `module: node16` refuses it).
// Files under src/ that TypeScript does not emit (hand-written or generated .js, .cjs, .d.ts,
// .json) are copied into both. A package adopts it with `"build": "node ../../tooling/config/build-package.mjs"`;
// it starts by emptying dist/, so another build step (a UI bundle) runs after it.
//
// The CommonJS program is type-checked as CommonJS: the package's own package.json is read as
// `"type": "commonjs"` by that program only (nothing is written to src/, so a test or typecheck
// running at the same time sees the real one), which makes TypeScript emit `require` and resolve
// dependencies through their `require` conditions, reporting anything that cannot be CommonJS
// (`import.meta`, a static import of an ES-only package).
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const packageDir = process.cwd();
const packageJsonPath = resolve(packageDir, 'package.json');
const sourceDir = join(packageDir, 'src');
const esmDir = join(packageDir, 'dist');
const cjsDir = join(esmDir, 'cjs');

const formatHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => packageDir,
  getNewLine: () => '\n',
};

function readBuildConfig(overrides) {
  const diagnostics = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(join(packageDir, 'tsconfig.build.json'), overrides, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => diagnostics.push(diagnostic),
  });
  if (parsed === undefined) return { diagnostics };
  return { parsed, diagnostics: [...diagnostics, ...parsed.errors] };
}

function compile(label, overrides, asCommonJs) {
  const { parsed, diagnostics } = readBuildConfig(overrides);
  if (parsed === undefined) return diagnostics;
  const host = ts.createCompilerHost(parsed.options);
  if (asCommonJs) {
    const readFile = host.readFile.bind(host);
    host.readFile = (fileName) => {
      const text = readFile(fileName);
      if (text === undefined || resolve(fileName) !== packageJsonPath) return text;
      return JSON.stringify({ ...JSON.parse(text), type: 'commonjs' });
    };
  }
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const emitted = program.emit();
  const all = [...diagnostics, ...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (all.length > 0) process.stderr.write(`${label}:\n`);
  return all;
}

/** Copies what TypeScript does not emit from src/ into `target`, keeping the folder layout. */
function copyAssets(target) {
  for (const entry of readdirSync(sourceDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const emittedByTypeScript = /\.[cm]?ts$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name);
    if (emittedByTypeScript) continue;
    const from = join(entry.parentPath, entry.name);
    cpSync(from, join(target, relative(sourceDir, from)));
  }
}

rmSync(esmDir, { recursive: true, force: true });
const diagnostics = [
  ...compile('ES modules (dist)', {}, false),
  ...compile('CommonJS (dist/cjs)', { outDir: cjsDir, verbatimModuleSyntax: false }, true),
];
if (diagnostics.length > 0) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost));
  process.exit(1);
}
copyAssets(esmDir);
copyAssets(cjsDir);
writeFileSync(join(cjsDir, 'package.json'), '{\n  "type": "commonjs"\n}\n');
