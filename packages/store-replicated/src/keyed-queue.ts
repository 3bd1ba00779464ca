/**
 * First in, first out per key: a task starts when the tasks queued before it under the same key
 * are done; tasks under different keys run side by side. Keys leave the map once idle, so the
 * queue holds nothing for flags that are not being written.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();

  /** Queues `task`, which must not reject; resolves when it is done. */
  push(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key);
    const done = (previous === undefined ? task() : previous.then(task)).catch(() => undefined);
    this.tails.set(key, done);
    this.pending.add(done);
    void done.then(() => {
      this.pending.delete(done);
      if (this.tails.get(key) === done) this.tails.delete(key);
    });
    return done;
  }

  /** Resolves when every task queued so far, and every task they queued meanwhile, is done. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** Tasks queued and not done. */
  get size(): number {
    return this.pending.size;
  }
}
