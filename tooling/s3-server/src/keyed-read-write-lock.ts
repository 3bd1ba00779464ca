interface Waiter {
  readonly exclusive: boolean;
  readonly grant: () => void;
}

interface KeyState {
  readers: number;
  writer: boolean;
  readonly queue: Waiter[];
}

/**
 * Per-key read-write lock, first come first served: reads of a key share it, a write has it to
 * itself, and keys do not wait for one another. It gives s3rver, which rewrites an object's
 * file in place, what Amazon S3 guarantees: a read sees a whole object, before or after a write,
 * and a conditional write's check and write are one atomic step.
 */
export class KeyedReadWriteLock {
  private readonly states = new Map<string, KeyState>();

  read<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.run(key, false, task);
  }

  write<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.run(key, true, task);
  }

  /** Keys currently locked or waited for. */
  get size(): number {
    return this.states.size;
  }

  private async run<T>(key: string, exclusive: boolean, task: () => Promise<T>): Promise<T> {
    await this.acquire(key, exclusive);
    try {
      return await task();
    } finally {
      this.release(key, exclusive);
    }
  }

  private acquire(key: string, exclusive: boolean): Promise<void> {
    let state = this.states.get(key);
    if (state === undefined) {
      state = { readers: 0, writer: false, queue: [] };
      this.states.set(key, state);
    }
    const current = state;
    return new Promise((resolve) => {
      current.queue.push({ exclusive, grant: resolve });
      this.grant(key, current);
    });
  }

  private release(key: string, exclusive: boolean): void {
    const state = this.states.get(key);
    if (state === undefined) return;
    if (exclusive) state.writer = false;
    else state.readers -= 1;
    this.grant(key, state);
  }

  private grant(key: string, state: KeyState): void {
    for (;;) {
      const next = state.queue[0];
      if (next === undefined) break;
      if (next.exclusive ? state.writer || state.readers > 0 : state.writer) break;
      state.queue.shift();
      if (next.exclusive) state.writer = true;
      else state.readers += 1;
      next.grant();
    }
    if (!state.writer && state.readers === 0 && state.queue.length === 0) this.states.delete(key);
  }
}
