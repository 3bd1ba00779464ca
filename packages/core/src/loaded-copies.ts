/**
 * The package ships two builds, ES modules (dist/) and CommonJS (dist/cjs/). A process that loads
 * both — `import` in one place, `require` in another — or two installed versions, holds two copies
 * of every class: a flag, condition or error made by one copy is not `instanceof` the other's, so
 * a store from one copy sees the other's errors as foreign. Nothing inside can join the copies;
 * the second one to load says so, once, as a process warning naming the cure.
 */
const LOADED_COPIES = Symbol.for('@flipper-client/core.loaded-copies');

const registry = globalThis as typeof globalThis & { [LOADED_COPIES]?: string[] };
const loaded = (registry[LOADED_COPIES] ??= []);
loaded.push(typeof module === 'object' ? 'CommonJS' : 'ES module');
if (loaded.length === 2 && typeof process === 'object' && typeof process.emitWarning === 'function') {
  process.emitWarning(
    `@flipper-client/core is loaded twice in this process (as ${loaded.join(' and as ')}): flags, conditions and errors ` +
      "of one copy are not instances of the other's classes. Load every @flipper-client package the same way " +
      '(all import or all require) and install one version of @flipper-client/core.',
    { code: 'FLIPPER_CORE_LOADED_TWICE' },
  );
}

export {};
