/**
 * Maps an async sequence with at most `concurrency` calls of `map` in flight, yielding results in
 * the order of the source. The source is pulled lazily, so a listing fetches its next page only
 * when the window has room. A consumer that stops early leaves the calls in flight to settle on
 * their own (their failures are absorbed: nobody is waiting for them).
 */
export async function* orderedConcurrentMap<T, R>(
  source: AsyncIterable<T>,
  concurrency: number,
  map: (value: T) => Promise<R>,
): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const window: Promise<R>[] = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && window.length < concurrency) {
        const next = await iterator.next();
        if (next.done === true) {
          exhausted = true;
          break;
        }
        const pending = map(next.value);
        pending.catch(() => undefined);
        window.push(pending);
      }
      const head = window.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}
