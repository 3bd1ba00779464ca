/**
 * Paths of every string reachable from `value` (own properties, hidden ones included, through
 * objects, arrays, Maps and Buffers) that contains `secret`: what a logger that prints an error
 * deeply, or a debugger, could show.
 */
export function pathsHolding(value: unknown, secret: string): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const pending: [unknown, string][] = [[value, '$']];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes(secret)) found.push(path);
      continue;
    }
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null || seen.has(current)) continue;
    seen.add(current);
    if (Buffer.isBuffer(current)) {
      if (current.includes(secret)) found.push(`${path}<buffer>`);
      continue;
    }
    if (current instanceof Map) for (const [key, member] of current) pending.push([key, `${path}<key>`], [member, `${path}.get()`]);
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
      if (descriptor !== undefined && 'value' in descriptor) pending.push([descriptor.value, `${path}.${String(key)}`]);
    }
  }
  return found;
}
