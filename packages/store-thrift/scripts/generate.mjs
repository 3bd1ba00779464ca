// Regenerates src/generated from feature_flag_store.thrift with the Thrift compiler, so that
// users of the package need no compiler. Run: pnpm --filter @flipper-client/store-thrift generate
//
// `js:node,es6` emits promise-based CommonJS that works with the thrift npm package 0.2x (plain
// `js:node` relies on `thrift.Q`, which that package no longer has); `ts` adds declarations.
// The generated folder carries its own package.json so Node loads it as CommonJS inside this
// ESM package.
import { generateInto } from './thrift-compiler.mjs';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const written = generateInto(packageRoot, `${packageRoot}src/generated`);
process.stdout.write(`generated ${written.join(', ')}\n`);
