let counter = 0;

/** A base key no other test uses, so that every store starts over an empty namespace. */
export function uniqueBaseKey(label = 'test'): string {
  counter += 1;
  return `${label}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
