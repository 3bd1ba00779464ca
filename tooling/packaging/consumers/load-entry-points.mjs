// An ES module consumer: imports every entry point of every published package (the list is
// written beside it), then traces an error thrown inside the core through the shipped maps.
// A Jest conformance kit cannot link outside Jest: @jest/globals has no named exports there (and
// Node names it again, differently, for the next kit that imports it).
import { readFileSync } from 'node:fs';

const entries = JSON.parse(readFileSync(new URL('./entry-points.json', import.meta.url), 'utf8'));
const loaded = {};
for (const { specifier } of entries) {
  try {
    loaded[specifier] = Object.keys(await import(specifier)).length;
  } catch (error) {
    loaded[specifier] = /outside of the Jest test environment|'@jest\/globals'/.test(error.message) ? 'needs Jest' : `${error.code ?? error.name}: ${error.message}`;
  }
}

const { Condition } = await import('@flipper-client/core');
let frame;
try {
  new Condition({ horses__nearly: 1 });
} catch (error) {
  frame = error.stack.split('\n').find((line) => line.includes('@flipper-client/core/'));
}
process.stdout.write(`${JSON.stringify({ loaded, frame })}\n`);
