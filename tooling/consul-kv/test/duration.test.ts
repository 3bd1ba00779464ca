import { describe, expect, it } from '@jest/globals';
import { parseGoDuration } from '../src/index.js';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['10s', 10_000],
    ['5m', 300_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['1h', 3_600_000],
    ['500us', 0.5],
    ['-2s', -2000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(['', '10', 's', '5 m', '1d', 'abc', '1s2'])('refuses %j as Go does', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
