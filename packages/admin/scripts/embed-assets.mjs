// Writes src/http/asset-text.ts from the files in assets/, so the pages' script and style sheet
// travel inside the compiled module: the ES module and CommonJS builds find them without
// knowing where they are installed (`import.meta.url` does not exist in CommonJS).
// test/assets.test.ts fails when the generated file is behind assets/.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const names = readdirSync(new URL('assets/', root)).sort();
const entries = names.map((name) => `  ${JSON.stringify(name)}: ${JSON.stringify(readFileSync(new URL(`assets/${name}`, root), 'utf8'))},`);
const text = `// Generated from assets/ by scripts/embed-assets.mjs (pnpm --filter @flipper-client/admin embed-assets); do not edit.
export const ASSET_TEXT: Readonly<Record<string, string>> = {
${entries.join('\n')}
};
`;
writeFileSync(new URL('src/http/asset-text.ts', root), text);
