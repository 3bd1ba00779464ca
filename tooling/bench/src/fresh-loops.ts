import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as MeasuredLoops from './measured-loops.js';

/** `.js` in the built bench, `.ts` when the tests run the sources. */
const EXTENSION = extname(fileURLToPath(import.meta.url));

let instances = 0;

/**
 * The measured loops in a module instance of the row's own. V8 keeps a function's inline caches
 * and optimized code per module instance, so rows calling one shared loop would share its JIT
 * history: measured, a loop optimized in one scenario ran a later scenario's fastest rows 10-25%
 * slower than a loop of their own. Importing `measured-loops` under a URL of its own for every
 * row gives each row the fresh loop a hand-written one would have, from one source.
 */
export async function freshLoops(): Promise<typeof MeasuredLoops> {
  const url = new URL(`./measured-loops${EXTENSION}?row=${++instances}`, import.meta.url);
  return (await import(url.href)) as typeof MeasuredLoops;
}
