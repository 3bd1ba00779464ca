/**
 * Every path at which `secret` can be reached from `value`: every own property, enumerable or
 * not (symbol keys included), through arrays, Maps, Sets and Buffers (read as bytes); getters
 * are not invoked. This is what a logger that prints an error deeply, or a caller walking it,
 * could come across — store tests use it to prove credentials never ride along in errors.
 * Stops after `budget` objects; returns at most `limit` paths.
 */
export function findSecretPaths(value: unknown, secret: string, options: { budget?: number; limit?: number } = {}): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const limit = options.limit ?? 5;
  let budget = options.budget ?? 100_000;
  const stack: [unknown, string][] = [[value, '$']];
  while (stack.length > 0 && found.length < limit && budget-- > 0) {
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
    if (current instanceof Map) for (const [key, member] of current) stack.push([key, `${path}<key>`], [member, `${path}.get(${String(key)})`]);
    if (current instanceof Set) for (const member of current) stack.push([member, `${path}<member>`]);
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(current, key);
      if (descriptor !== undefined && 'value' in descriptor) stack.push([descriptor.value, `${path}.${String(key)}`]);
    }
  }
  return found;
}
