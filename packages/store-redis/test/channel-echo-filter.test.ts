import { describe, expect, it } from '@jest/globals';
import { ChannelEchoFilter } from '../src/channel-echo-filter.js';

function filterAt(): { filter: ChannelEchoFilter; advance(ms: number): void } {
  let now = 1_000;
  return { filter: new ChannelEchoFilter(100, () => now), advance: (ms) => (now += ms) };
}

describe('ChannelEchoFilter', () => {
  it('takes one channel message per keyspace event of the same flag as an echo, and no more', () => {
    const { filter } = filterAt();
    filter.keyspaceEvent('A');
    filter.keyspaceEvent('A');
    expect([filter.isEcho('A'), filter.isEcho('A'), filter.isEcho('A')]).toEqual([true, true, false]);
  });

  it('never takes a message of another flag, or one with no keyspace event before it, as an echo', () => {
    const { filter } = filterAt();
    expect(filter.isEcho('A')).toBe(false);
    filter.keyspaceEvent('A');
    expect(filter.isEcho('B')).toBe(false);
    expect(filter.isEcho('A')).toBe(true);
  });

  it('forgets keyspace events older than its window', () => {
    const { filter, advance } = filterAt();
    filter.keyspaceEvent('A');
    advance(100);
    expect(filter.isEcho('A')).toBe(false);
    filter.keyspaceEvent('B');
    advance(99);
    expect(filter.isEcho('B')).toBe(true);
  });

  it('forgets the unanswered events of many flags (writes that publish nothing) once they expire', () => {
    const { filter, advance } = filterAt();
    for (let i = 0; i < 1000; i += 1) filter.keyspaceEvent(`RAW_${i}`);
    advance(100);
    filter.keyspaceEvent('LATER');
    expect(filter.flagsWithCredits).toBe(1);
    expect(filter.isEcho('RAW_5')).toBe(false);
  });
});
