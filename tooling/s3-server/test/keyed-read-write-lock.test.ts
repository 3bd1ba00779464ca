import { describe, expect, it } from '@jest/globals';
import { KeyedReadWriteLock } from '../src/index.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('KeyedReadWriteLock', () => {
  it('runs writes of one key one at a time, in arrival order', async () => {
    const lock = new KeyedReadWriteLock();
    const events: string[] = [];
    let running = 0;
    let maxRunning = 0;
    await Promise.all(
      [1, 2, 3, 4].map((n) =>
        lock.write('k', async () => {
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          events.push(`start ${n}`);
          await tick();
          events.push(`end ${n}`);
          running -= 1;
        }),
      ),
    );
    expect(maxRunning).toBe(1);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3', 'start 4', 'end 4']);
    expect(lock.size).toBe(0);
  });

  it('lets reads share a key, and makes them wait for a write that came first', async () => {
    const lock = new KeyedReadWriteLock();
    const gate = deferred();
    const events: string[] = [];
    const write = lock.write('k', async () => {
      events.push('write');
      await gate.promise;
      events.push('write done');
    });
    const readsRunning = { now: 0, max: 0 };
    const reads = [1, 2].map((n) =>
      lock.read('k', async () => {
        readsRunning.now += 1;
        readsRunning.max = Math.max(readsRunning.max, readsRunning.now);
        events.push(`read ${n}`);
        await tick();
        readsRunning.now -= 1;
      }),
    );
    await tick();
    expect(events).toEqual(['write']);
    gate.resolve();
    await Promise.all([write, ...reads]);
    expect(events).toEqual(['write', 'write done', 'read 1', 'read 2']);
    expect(readsRunning.max).toBe(2);
  });

  it('does not make one key wait for another', async () => {
    const lock = new KeyedReadWriteLock();
    const gate = deferred();
    const blocked = lock.write('a', () => gate.promise);
    let other = false;
    await lock.write('b', async () => {
      other = true;
    });
    expect(other).toBe(true);
    gate.resolve();
    await blocked;
  });

  it('releases the key when a task fails', async () => {
    const lock = new KeyedReadWriteLock();
    await expect(
      lock.write('k', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(lock.write('k', async () => 'next')).resolves.toBe('next');
    expect(lock.size).toBe(0);
  });
});
