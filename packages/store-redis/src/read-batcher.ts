import type { CommandRunner } from './command-runner.js';
import type { KeyLayout } from './keys.js';
import { fetchDocuments } from './list.js';
import type { RedisClient } from './redis-client.js';

interface PendingRead {
  resolve(text: string | null): void;
  reject(error: unknown): void;
}

const MAX_KEYS_PER_FLUSH = 500;

/**
 * Batches flag reads. The first read of a turn of the event loop goes out at once (a lone
 * `isEnabled` waits for nothing); the reads asked for after it in the same turn go out together
 * as one MGET (per hash slot on a cluster) once the current microtasks have run, so many
 * concurrent `isEnabled` calls on different flags cost two round trips instead of one each.
 */
export class ReadBatcher {
  // A list, not a map: a flag may be asked for twice in one turn (a write in between).
  private pending: [string, PendingRead][] = [];
  private scheduled = false;

  constructor(
    private readonly client: RedisClient,
    private readonly layout: KeyLayout,
    private readonly runner: CommandRunner,
  ) {}

  /** The stored text of the flag, or null when absent. Callers dedupe reads of one flag. */
  read(featureName: string): Promise<string | null> {
    return new Promise((resolve, reject) => {
      if (!this.scheduled) {
        this.scheduled = true;
        // nextTick runs once the microtask queue is empty: every caller of this turn has asked.
        process.nextTick(() => this.flush());
        this.send([[featureName, { resolve, reject }]]);
      } else {
        this.pending.push([featureName, { resolve, reject }]);
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.send(batch);
  }

  private send(batch: readonly [string, PendingRead][]): void {
    for (let start = 0; start < batch.length; start += MAX_KEYS_PER_FLUSH) {
      const entries = batch.slice(start, start + MAX_KEYS_PER_FLUSH);
      const chunk = entries.map(([name]) => name);
      const reads = entries.map(([, read]) => read);
      fetchDocuments(this.client, this.layout, this.runner, chunk).then(
        (texts) => reads.forEach((read, i) => read.resolve(texts[i] ?? null)),
        (error: unknown) => chunk.forEach((name, i) => reads[i]!.reject(this.runner.storeError('get', name, error))),
      );
    }
  }
}
