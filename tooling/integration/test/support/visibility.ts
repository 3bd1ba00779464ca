/**
 * Starts the clock, runs `action` (a write elsewhere), then polls `observed` until it holds.
 * Rejects, naming `what`, unless it held within `boundMs` of the action's start; resolves to the
 * delay. The bound is generous on purpose: a latency is measured in the benchmark, not here.
 */
export async function visibleWithin(
  boundMs: number,
  what: string,
  action: () => Promise<unknown>,
  observed: () => boolean | Promise<boolean>,
): Promise<number> {
  const started = performance.now();
  await action();
  for (;;) {
    if (await observed()) return performance.now() - started;
    const elapsed = performance.now() - started;
    if (elapsed > boundMs) throw new Error(`${what}: not visible within ${boundMs} ms (waited ${Math.round(elapsed)} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
