/** What `read` throws, or undefined: for synchronous reads (`getSync`) expected to fail. */
export function thrown(read: () => unknown): unknown {
  try {
    read();
  } catch (error) {
    return error;
  }
  return undefined;
}
