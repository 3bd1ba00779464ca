/**
 * The paths at which `secret` can be reached from `value`: every own property, enumerable or not
 * (symbol keys included), through arrays, Maps, Sets and Buffers; getters are not invoked. This
 * is what a logger that prints an error deeply, or a caller walking it, could come across.
 */
export function secretPaths(value: unknown, secret: string): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[value, '$']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
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
    if (current instanceof Map) for (const [key, member] of current) stack.push([key, `${path}<key>`], [member, `${path}<value>`]);
    if (current instanceof Set) for (const member of current) stack.push([member, `${path}<member>`]);
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
      if (descriptor !== undefined && 'value' in descriptor) stack.push([descriptor.value, `${path}.${String(key)}`]);
    }
  }
  return found;
}
