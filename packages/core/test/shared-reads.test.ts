import { describe, expect, it } from '@jest/globals';
import { FeatureFlagStoreItem, SharedReads } from '../src/store-entry.js';

/** A backend whose reads stay open until answered, counting the reads it was sent. */
class SlowBackend {
  sent: string[] = [];
  private readonly open: Array<{ name: string; answer: (item: FeatureFlagStoreItem | undefined) => void; fail: (error: Error) => void }> = [];

  read = (featureName: string): Promise<FeatureFlagStoreItem | undefined> => {
    this.sent.push(featureName);
    return new Promise((answer, fail) => this.open.push({ name: featureName, answer, fail }));
  };

  answerOldest(enabled: boolean): void {
    const read = this.open.shift()!;
    read.answer(new FeatureFlagStoreItem(read.name, enabled));
  }

  answerAll(enabled: boolean): void {
    for (const read of this.open.splice(0)) read.answer(new FeatureFlagStoreItem(read.name, enabled));
  }

  failAll(): void {
    for (const read of this.open.splice(0)) read.fail(new Error(`lost ${read.name}`));
  }
}

describe('SharedReads', () => {
  it('sends one read for concurrent callers of a flag, and one per flag', async () => {
    const backend = new SlowBackend();
    const reads = new SharedReads();
    const answers = [reads.share('A', backend.read), reads.share('A', backend.read), reads.share('B', backend.read)];
    backend.answerAll(true);
    expect((await Promise.all(answers)).map((item) => item?.featureName)).toEqual(['A', 'A', 'B']);
    expect(backend.sent).toEqual(['A', 'B']);
  });

  it('starts a new read once the last one settled', async () => {
    const backend = new SlowBackend();
    const reads = new SharedReads();
    const first = reads.share('A', backend.read);
    backend.answerAll(true);
    await first;
    const second = reads.share('A', backend.read);
    backend.answerAll(false);
    expect((await second)?.enabled).toBe(false);
    expect(backend.sent).toEqual(['A', 'A']);
  });

  it('after forget, gives later callers a read of their own while the earlier one still answers its callers', async () => {
    const backend = new SlowBackend();
    const reads = new SharedReads();
    const beforeWrite = reads.share('A', backend.read);
    reads.forget('A');
    const afterWrite = reads.share('A', backend.read);
    expect(afterWrite).not.toBe(beforeWrite);
    backend.answerOldest(true);
    expect((await beforeWrite)?.enabled).toBe(true);
    // The earlier read settling does not drop the later one, still in progress and shared.
    expect(reads.share('A', backend.read)).toBe(afterWrite);
    backend.answerAll(false);
    expect((await afterWrite)?.enabled).toBe(false);
    expect(backend.sent).toEqual(['A', 'A']);
  });

  it('rejects every sharer of a failed read, and the next caller reads again', async () => {
    const backend = new SlowBackend();
    const reads = new SharedReads();
    const sharers = [reads.share('A', backend.read), reads.share('A', backend.read)];
    backend.failAll();
    for (const sharer of sharers) await expect(sharer).rejects.toThrow('lost A');
    const retry = reads.share('A', backend.read);
    backend.answerAll(true);
    expect((await retry)?.enabled).toBe(true);
    expect(backend.sent).toEqual(['A', 'A']);
  });
});
