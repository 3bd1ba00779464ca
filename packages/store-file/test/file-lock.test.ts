import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileLock } from '../src/file-lock.js';

const directory = mkdtempSync(join(tmpdir(), 'flipper-file-lock-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the file store lock', () => {
  it('waits for a lock whose holder has created it but not yet written its id', async () => {
    const lock = join(directory, 'empty.lock');
    writeFileSync(lock, '');
    let ran = false;
    await expect(withFileLock(lock, 200, async () => (ran = true))).rejects.toThrow(/timed out after 200 ms/);
    expect(ran).toBe(false);
  });

  it('takes over a lock left by a process that is gone, or one older than 10 s', async () => {
    const dead = join(directory, 'dead.lock');
    writeFileSync(dead, '2147483646');
    expect(await withFileLock(dead, 1000, async () => 'ran')).toBe('ran');

    const old = join(directory, 'old.lock');
    writeFileSync(old, '');
    const elevenSecondsAgo = (Date.now() - 11_000) / 1000;
    utimesSync(old, elevenSecondsAgo, elevenSecondsAgo);
    expect(await withFileLock(old, 1000, async () => 'ran')).toBe('ran');
  });

  it('lets writers in one at a time', async () => {
    const lock = join(directory, 'turns.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(lock, 10_000, async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });
});
