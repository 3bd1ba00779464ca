/**
 * Makes `iterations` calls shared out over `callers` concurrent callers, each awaiting its own
 * call before it starts the next, as request handlers of a busy service do. Returns how many
 * answered true.
 */
export async function callConcurrently(callers: number, iterations: number, call: () => Promise<boolean>): Promise<number> {
  let started = 0;
  let on = 0;
  const caller = async (): Promise<void> => {
    while (started < iterations) {
      started++;
      if (await call()) on++;
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  return on;
}
