let counter = 0;

/** A base key no other test uses, so that every store starts over an empty namespace. */
export function uniqueBaseKey(label = 'test'): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The base key a store was made with, read back from where it keeps flags (`<baseKey>/<name>`). */
export function baseKeyOf(store: { keyOf(featureName: string): string }): string {
  return store.keyOf('').slice(0, -1);
}
