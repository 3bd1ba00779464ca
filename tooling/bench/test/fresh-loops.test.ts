import { describe, expect, it } from '@jest/globals';
import { enabledFlag, startFlipper } from '../src/peers/flipper.js';
import { freshLoops } from '../src/fresh-loops.js';

describe('fresh loops', () => {
  it('gives every caller its own module instance, so no two rows share a loop function', async () => {
    const first = await freshLoops();
    const second = await freshLoops();
    expect(first).not.toBe(second);
    expect(first.flipperSyncBench).not.toBe(second.flipperSyncBench);
  });

  it('counts the calls that answered true', async () => {
    const loops = await freshLoops();
    const features = await startFlipper(enabledFlag('ON'));
    expect(loops.flipperSyncBench(features, 'ON').run(50)).toBe(50);
    expect(await loops.flipperAsyncBench(features, 'OFF').run(50)).toBe(0);
  });
});
