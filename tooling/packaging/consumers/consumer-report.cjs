// What both plain JavaScript consumers print, given how each loads a module (import or require):
// for every entry point of every published package (the list is written beside this file) the
// number of names it exports, then the stack frame of an error thrown inside the core, which the
// shipped maps should lead to its TypeScript source. A Jest conformance kit cannot load outside
// Jest: @jest/globals throws there, or has no named exports for an ES module to link (and Node
// names it again, differently, for the next kit that imports it).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

async function report(load) {
  const entries = JSON.parse(readFileSync(join(__dirname, 'entry-points.json'), 'utf8'));
  const loaded = {};
  for (const { specifier } of entries) {
    try {
      loaded[specifier] = Object.keys(await load(specifier)).length;
    } catch (error) {
      loaded[specifier] = /outside of the Jest test environment|'@jest\/globals'/.test(error.message) ? 'needs Jest' : `${error.code ?? error.name}: ${error.message}`;
    }
  }
  const { Condition } = await load('@flipper-client/core');
  let frame;
  try {
    new Condition({ horses__nearly: 1 });
  } catch (error) {
    frame = error.stack.split('\n').find((line) => line.includes('@flipper-client/core/'));
  }
  process.stdout.write(`${JSON.stringify({ loaded, frame })}\n`);
}

module.exports = { report };
