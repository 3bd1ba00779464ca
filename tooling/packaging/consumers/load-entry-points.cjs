// A CommonJS consumer: requires every entry point of every published package (the list is
// written beside it), then traces an error thrown inside the core through the shipped maps.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const entries = JSON.parse(readFileSync(join(__dirname, 'entry-points.json'), 'utf8'));
const loaded = {};
for (const { specifier } of entries) {
  try {
    loaded[specifier] = Object.keys(require(specifier)).length;
  } catch (error) {
    loaded[specifier] = /outside of the Jest test environment/.test(error.message) ? 'needs Jest' : `${error.code ?? error.name}: ${error.message}`;
  }
}

const { Condition } = require('@flipper-client/core');
let frame;
try {
  new Condition({ horses__nearly: 1 });
} catch (error) {
  frame = error.stack.split('\n').find((line) => line.includes('@flipper-client/core/'));
}
process.stdout.write(`${JSON.stringify({ loaded, frame })}\n`);
