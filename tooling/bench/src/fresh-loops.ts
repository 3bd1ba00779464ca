import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as HashShapeLoops from './hash-shape-loops.js';
import type * as MeasuredLoops from './measured-loops.js';

/** `.js` in the built bench, `.ts` when the tests run the sources. */
const EXTENSION = extname(fileURLToPath(import.meta.url));

let instances = 0;

async function freshInstance<T>(name: string): Promise<T> {
  const url = new URL(`./${name}${EXTENSION}?row=${++instances}`, import.meta.url);
  return (await import(url.href)) as T;
}

/**
 * The measured loops in a module instance of the row's own. V8 keeps a function's inline caches
 * and optimized code per module instance, so rows calling one shared loop would share its JIT
 * history: measured, a loop optimized in one scenario ran a later scenario's fastest rows 10-25%
 * slower than a loop of their own. Importing `measured-loops` under a URL of its own for every
 * row gives each row the fresh loop a hand-written one would have, from one source.
 */
export function freshLoops(): Promise<typeof MeasuredLoops> {
  return freshInstance('measured-loops');
}

/** The hash-shape scenarios' loops (a new user each call), in a module instance of the row's own. */
export function freshHashShapeLoops(): Promise<typeof HashShapeLoops> {
  return freshInstance('hash-shape-loops');
}
